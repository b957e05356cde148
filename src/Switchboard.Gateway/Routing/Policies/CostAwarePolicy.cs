namespace Switchboard.Gateway.Routing.Policies;

/// <summary>
/// <c>cost-aware</c>: cheapest first by input + output price per million tokens; unpriced deployments last.
/// Capability and context-window fit are settled before any policy runs (<see cref="DeploymentSelector"/>).
/// </summary>
internal sealed class CostAwarePolicy : IDeploymentSelectionPolicy
{
    public string Name => "cost-aware";

    public void Order(Span<Deployment> candidates, in SelectionContext context) =>
        PolicyOrdering.StableSortBy(candidates, static (d, _) => d.PriceSortKey, stream: false);
}
