namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>A key to create. Empty or null lists mean "no restriction"; null limits mean "the tenant's default".</summary>
internal sealed record NewApiKey(string Name, KeyOwner Owner)
{
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Client networks (CIDR or single addresses) the key may be used from.</summary>
    public IReadOnlyList<string>? Networks { get; init; }

    /// <summary><c>local-only</c>, <c>prefer-local</c>, <c>cheapest</c> or <c>fastest</c>.</summary>
    public string? Route { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    public int? MaxConcurrentRequests { get; init; }

    /// <summary>The SHA-256 of an existing key to take over (the one-time import of the old key table); null generates a new key.</summary>
    internal string? ExistingHash { get; init; }

    internal string? ExistingPrefix { get; init; }

    internal DateTimeOffset? CreatedAt { get; init; }

    internal DateTimeOffset? RevokedAt { get; init; }
}
