namespace Switchboard.Gateway.Routing.Policies;

/// <summary><c>least-in-flight</c>: fewest requests in progress first; ties keep config order.</summary>
internal sealed class LeastInFlightPolicy : IDeploymentSelectionPolicy
{
    public string Name => "least-in-flight";

    public void Order(Span<Deployment> candidates, in SelectionContext context) =>
        PolicyOrdering.StableSortBy(candidates, static (d, _) => d.State.InFlight, stream: false);
}
