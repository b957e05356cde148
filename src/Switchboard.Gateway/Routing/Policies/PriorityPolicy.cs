namespace Switchboard.Gateway.Routing.Policies;

/// <summary><c>priority</c> (default): the config order — first listed first, the others as ordered fallback.</summary>
internal sealed class PriorityPolicy : IDeploymentSelectionPolicy
{
    public string Name => "priority";

    public void Order(Span<Deployment> candidates, in SelectionContext context)
    {
    }
}
