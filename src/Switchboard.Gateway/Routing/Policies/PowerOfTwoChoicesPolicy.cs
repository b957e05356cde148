namespace Switchboard.Gateway.Routing.Policies;

/// <summary>
/// <c>power-of-two-choices</c>: of two deployments drawn at random, the one with fewer requests in flight
/// goes first (YARP's default balancer). Nearly as even as least-in-flight without every request herding
/// to the same momentary minimum. Fallback keeps config order.
/// </summary>
internal sealed class PowerOfTwoChoicesPolicy : IDeploymentSelectionPolicy
{
    public string Name => "power-of-two-choices";

    public void Order(Span<Deployment> candidates, in SelectionContext context)
    {
        if (candidates.Length < 2)
        {
            return;
        }

        var first = context.Random.Next(candidates.Length);
        var second = context.Random.Next(candidates.Length - 1);
        if (second >= first)
        {
            second++;
        }

        var pick = candidates[second].State.InFlight < candidates[first].State.InFlight ? second : first;
        PolicyOrdering.MoveToFront(candidates, pick);
    }
}
