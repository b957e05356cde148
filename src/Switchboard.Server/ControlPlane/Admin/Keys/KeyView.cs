using Switchboard.Server.ControlPlane.ApiKeys;

namespace Switchboard.Server.ControlPlane.Admin.Keys;

/// <summary>A key as the API lists it: never the key itself, only its display prefix.</summary>
internal sealed record KeyView(Guid Id, string Name, string Prefix, string Owner, string Status, IReadOnlyList<string> Models,
    IReadOnlyList<string> Networks, string? Route, int? RequestsPerMinute, int? TokensPerMinute, int? MaxConcurrentRequests, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static KeyView Of(ApiKey k, DateTimeOffset now) => new(k.Id, k.Name, k.KeyPrefix, KeyOwner.Of(k).ToString(),
        k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active", k.AllowedModels, k.AllowedNetworks, k.RoutePreference,
        k.RequestsPerMinute, k.TokensPerMinute, k.MaxConcurrentRequests, k.CreatedAt, k.ExpiresAt, k.RevokedAt);
}
