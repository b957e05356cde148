namespace Switchboard.Server.Keys;

/// <summary>A stored API key: everything but the key itself, of which only the SHA-256 hash is kept.</summary>
internal sealed record ApiKeyRecord(
    string Id,
    string Name,
    string KeyHash,
    string KeyPrefix,
    IReadOnlyList<string>? Models,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public string StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";
}
