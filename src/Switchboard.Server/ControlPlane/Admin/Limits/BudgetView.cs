using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.ControlPlane.Admin.Limits;

/// <summary>A budget as the admin API shows it, with what the usage ledger says was spent since <see cref="WindowStart"/>.</summary>
internal sealed record BudgetView(string Scope, string Id, string Name, string Period, decimal Limit, decimal? SoftLimit, string Currency, decimal Spent,
    DateTimeOffset WindowStart, DateTimeOffset ResetsAt, DateTimeOffset UpdatedAt)
{
    public static BudgetView Of(BudgetEntry e) => new(UsageScopes.Name(e.Scope), e.ScopeId, e.Name, BudgetWindows.Name(e.Period), e.Limit, e.SoftLimit,
        e.Currency, e.Spent, e.WindowStart, e.ResetsAt, e.UpdatedAt);
}
