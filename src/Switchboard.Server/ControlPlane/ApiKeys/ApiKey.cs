using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>
/// A tenant-scoped gateway key owned by exactly one user, team or service account. Only the SHA-256 of
/// the key is stored. Empty allow-lists mean "no restriction"; null limits mean "the tenant's default".
/// </summary>
internal sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid? OwnerUserId { get; set; }

    public Guid? OwnerTeamId { get; set; }

    public Guid? OwnerServiceAccountId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key; unique across all tenants.</summary>
    public required string KeyHash { get; set; }

    /// <summary>What lists show of the key (<c>sb-AbCdEfG…</c>).</summary>
    public required string KeyPrefix { get; set; }

    /// <summary>Model aliases the key may use; empty = all.</summary>
    public List<string> AllowedModels { get; set; } = [];

    /// <summary>Client networks (CIDR, e.g. <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) the key may be used from; empty = any.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary><c>local-only</c>, <c>prefer-local</c>, <c>cheapest</c>, <c>fastest</c>, or null for the request's choice.</summary>
    public string? RoutePreference { get; set; }

    public int? RequestsPerMinute { get; set; }

    public int? TokensPerMinute { get; set; }

    public int? MaxConcurrentRequests { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
