using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Cli;

/// <summary>A resolved scope: its kind and id as the gateway sees them, a name to print, its tenant and that tenant's currency.</summary>
internal sealed record ResolvedScope(UsageScope Scope, string Id, string Name, string? TenantId, string? Currency)
{
    public override string ToString() => $"{UsageScopes.Name(Scope)} '{Name}'";
}
