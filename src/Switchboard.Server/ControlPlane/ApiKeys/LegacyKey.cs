namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>A row of the old gateway key table (<c>switchboard.db</c>, before tenants): only hashes were ever stored.</summary>
internal sealed record LegacyKey(string Id, string Name, string KeyHash, string KeyPrefix, IReadOnlyList<string>? Models, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? Route);
