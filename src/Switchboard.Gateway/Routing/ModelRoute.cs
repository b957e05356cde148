namespace Switchboard.Gateway.Routing;

/// <summary>An alias, the deployments that can serve it (in configured order) and its selection policy.</summary>
internal sealed class ModelRoute(string alias, Deployment[] deployments, IDeploymentSelectionPolicy policy, bool failoverOnContentFilter = false,
    Classification.RequestClassifier? classifier = null)
{
    private int _turn = -1;

    public string Alias { get; } = alias;

    public IReadOnlyList<Deployment> Deployments { get; } = deployments;

    public IDeploymentSelectionPolicy Policy { get; } = policy;

    /// <summary>Whether a content-filter refusal is retried on the next deployment (non-streamed responses and errors).</summary>
    public bool FailoverOnContentFilter { get; } = failoverOnContentFilter;

    /// <summary>For a router alias: picks the alias that serves the request; null for an ordinary alias.</summary>
    public Classification.RequestClassifier? Classifier { get; } = classifier;

    /// <summary>How several deployments or models take part (racing, hedging, consensus, compare); single by default.</summary>
    public Aggregation.AggregationStrategy Strategy { get; init; } = Aggregation.AggregationStrategy.Single;

    /// <summary>A cut stream is continued on the next deployment with the partial answer as prefill.</summary>
    public bool ContinueOnCut { get; init; }

    /// <summary>A counter for rotating policies; thread-safe, wraps around.</summary>
    public int NextTurn() => Interlocked.Increment(ref _turn) & int.MaxValue;
}
