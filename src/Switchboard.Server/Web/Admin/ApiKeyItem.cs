namespace Switchboard.Server.Web.Admin;

/// <summary>An API key as the keys page lists it (never the key itself). <paramref name="Status"/>: active, expired or revoked.</summary>
internal sealed record ApiKeyItem(string Id, string Name, string Prefix, IReadOnlyList<string>? Models, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, string Status);
