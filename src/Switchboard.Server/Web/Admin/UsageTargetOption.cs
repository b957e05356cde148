using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Web.Admin;

/// <summary>Something the budgets page can set limits and budgets for: the organisation, one of its teams or one of its active keys.</summary>
internal sealed record UsageTargetOption(UsageScope Scope, string Id, string Name);
