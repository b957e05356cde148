using System.Collections.Frozen;

namespace Switchboard.Gateway.Routing.Policies;

/// <summary>The built-in policies by config name.</summary>
internal static class SelectionPolicies
{
    public static readonly IDeploymentSelectionPolicy Priority = new PriorityPolicy();
    public static readonly IDeploymentSelectionPolicy CostAware = new CostAwarePolicy();
    public static readonly IDeploymentSelectionPolicy LowestLatency = new LowestLatencyPolicy();

    public static readonly FrozenDictionary<string, IDeploymentSelectionPolicy> ByName = new IDeploymentSelectionPolicy[]
    {
        Priority,
        new WeightedRandomPolicy(),
        new RoundRobinPolicy(),
        new LeastInFlightPolicy(),
        new PowerOfTwoChoicesPolicy(),
        LowestLatency,
        CostAware,
    }.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
}
