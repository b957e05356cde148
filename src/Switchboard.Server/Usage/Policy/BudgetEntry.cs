using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;

namespace Switchboard.Server.Usage.Policy;

/// <summary>
/// A stored budget of a tenant, team or key, with the name it has now and what the usage ledger says was spent in the
/// current window (from <see cref="WindowStart"/> until <see cref="ResetsAt"/>).
/// </summary>
internal sealed record BudgetEntry(UsageScope Scope, string ScopeId, string Name, BudgetPeriod Period, decimal Limit, decimal? SoftLimit, string Currency,
    decimal Spent, DateTimeOffset WindowStart, DateTimeOffset UpdatedAt)
{
    public DateTimeOffset ResetsAt => BudgetWindows.End(Period, WindowStart);
}
