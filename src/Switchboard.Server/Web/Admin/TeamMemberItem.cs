namespace Switchboard.Server.Web.Admin;

/// <summary>A member of a team, or a user who could become one (the teams page's picker).</summary>
internal sealed record TeamMemberItem(Guid UserId, string Email, string DisplayName);
