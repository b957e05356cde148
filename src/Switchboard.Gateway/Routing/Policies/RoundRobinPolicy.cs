namespace Switchboard.Gateway.Routing.Policies;

/// <summary><c>round-robin</c>: each request starts one deployment further along; fallback continues the rotation.</summary>
internal sealed class RoundRobinPolicy : IDeploymentSelectionPolicy
{
    public string Name => "round-robin";

    public void Order(Span<Deployment> candidates, in SelectionContext context)
    {
        if (candidates.Length > 1)
        {
            var start = context.Route.NextTurn() % candidates.Length;
            candidates[..start].Reverse();
            candidates[start..].Reverse();
            candidates.Reverse();
        }
    }
}
