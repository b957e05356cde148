namespace Switchboard.Server.Web.Admin;

/// <summary>A key to create: a name, optionally the only aliases it may use, optionally an expiry.</summary>
internal sealed record NewApiKey(string Name, IReadOnlyList<string>? Models, DateTimeOffset? ExpiresAt);
