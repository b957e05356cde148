namespace Switchboard.Gateway.Accounting;

/// <summary>A fixed policy (none by default): the gateway without a control plane, and tests that set limits directly.</summary>
internal sealed class StaticUsagePolicyProvider(UsagePolicy? policy = null) : IUsagePolicyProvider
{
    public UsagePolicy Current { get; set; } = policy ?? UsagePolicy.Empty;
}
