using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Usage.Policy;

/// <summary>
/// A tenant, team or key that limits and budgets can be set for, resolved by <see cref="UsagePolicyAdmin.FindAsync"/>: its
/// kind and id as the gateway sees them, a name to show, its tenant and that tenant's currency (the budgets'). Immutable.
/// </summary>
internal sealed record UsageTarget(UsageScope Scope, string Id, string Name, Guid TenantId, string Currency)
{
    /// <summary>The audit log's and messages' reference: <c>team:&lt;id&gt;</c>.</summary>
    public string Reference => $"{UsageScopes.Name(Scope)}:{Id}";

    public override string ToString() => $"{UsageScopes.Name(Scope)} '{Name}'";
}
