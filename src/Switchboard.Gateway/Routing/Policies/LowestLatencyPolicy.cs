namespace Switchboard.Gateway.Routing.Policies;

/// <summary>
/// <c>lowest-latency</c>: lowest moving average first — of time to first token for streams, of total
/// latency otherwise. Deployments without a measurement yet go first, so every one gets measured.
/// </summary>
internal sealed class LowestLatencyPolicy : IDeploymentSelectionPolicy
{
    public string Name => "lowest-latency";

    public void Order(Span<Deployment> candidates, in SelectionContext context) =>
        PolicyOrdering.StableSortBy(candidates, static (d, stream) =>
        {
            var ms = stream && !double.IsNaN(d.State.TimeToFirstTokenMs) ? d.State.TimeToFirstTokenMs : d.State.LatencyMs;
            return double.IsNaN(ms) ? double.NegativeInfinity : ms;
        }, context.Stream);
}
