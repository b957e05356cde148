namespace Switchboard.Server.Keys;

/// <summary>
/// A stored API key: everything but the key itself, of which only the SHA-256 hash is kept.
/// <see cref="Route"/> is the key's routing preference (<c>local-only</c>, <c>prefer-local</c>,
/// <c>cheapest</c>, <c>fastest</c>); <c>local-only</c> cannot be loosened by a request header.
/// </summary>
internal sealed record ApiKeyRecord(
    string Id,
    string Name,
    string KeyHash,
    string KeyPrefix,
    IReadOnlyList<string>? Models,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? Route = null)
{
    public string StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";
}
