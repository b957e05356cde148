namespace Switchboard.Server.Web.Admin;

/// <summary>A team row of the teams page.</summary>
internal sealed record TeamItem(Guid Id, string Name, int Members, DateTimeOffset CreatedAt);
