namespace Switchboard.Server.Usage.Storage;

/// <summary>A budget of a tenant, team or key for one period (table <c>usage_budgets</c>), in the tenant's currency.</summary>
internal sealed class BudgetRow
{
    public Guid Id { get; set; }

    /// <summary><c>tenant</c>, <c>team</c> or <c>key</c>.</summary>
    public required string Scope { get; set; }

    public required string ScopeId { get; set; }

    /// <summary>The tenant the scope belongs to; null for keys without a tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary><c>day</c> or <c>month</c> (UTC).</summary>
    public required string Period { get; set; }

    public decimal LimitAmount { get; set; }

    /// <summary>Spend (settled plus reserved) from which responses carry a warning header; null for none.</summary>
    public decimal? SoftLimitAmount { get; set; }

    public required string Currency { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
