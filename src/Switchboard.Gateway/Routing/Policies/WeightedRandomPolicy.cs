namespace Switchboard.Gateway.Routing.Policies;

/// <summary><c>weighted</c>: the first choice is drawn in proportion to <c>weight</c>; fallback keeps config order.</summary>
internal sealed class WeightedRandomPolicy : IDeploymentSelectionPolicy
{
    public string Name => "weighted";

    public void Order(Span<Deployment> candidates, in SelectionContext context)
    {
        var total = 0.0;
        foreach (var d in candidates)
        {
            total += d.Weight;
        }

        if (total <= 0)
        {
            return;
        }

        var draw = context.Random.NextDouble() * total;
        for (var i = 0; i < candidates.Length; i++)
        {
            draw -= candidates[i].Weight;
            if (draw < 0)
            {
                PolicyOrdering.MoveToFront(candidates, i);
                return;
            }
        }
    }
}
