using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.Web.Admin;

/// <summary>The budgets page's content: the tenant's limits and budgets (with spend), what they can be set for, and the tenant's currency.</summary>
internal sealed record UsagePolicyOverview(IReadOnlyList<LimitEntry> Limits, IReadOnlyList<BudgetEntry> Budgets, IReadOnlyList<UsageTargetOption> Targets,
    string Currency);
