namespace Switchboard.Server.Usage.Storage;

/// <summary>
/// Stored rate limits of a tenant, a team or a key (table <c>usage_limits</c>). A key's own limits (on the key)
/// win; these fill in what the key leaves unset, and are the only ones for teams and tenants.
/// </summary>
internal sealed class LimitRow
{
    public Guid Id { get; set; }

    /// <summary><c>tenant</c>, <c>team</c> or <c>key</c>.</summary>
    public required string Scope { get; set; }

    public required string ScopeId { get; set; }

    /// <summary>The tenant the scope belongs to (its own id for a tenant); null for keys without a tenant.</summary>
    public string? TenantId { get; set; }

    public int? RequestsPerMinute { get; set; }

    public int? TokensPerMinute { get; set; }

    public int? MaxConcurrent { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
