namespace Switchboard.Gateway.Routing;

/// <summary>An alias, the deployments that can serve it (in configured order) and its selection policy.</summary>
internal sealed class ModelRoute(string alias, Deployment[] deployments, IDeploymentSelectionPolicy policy)
{
    private int _turn = -1;

    public string Alias { get; } = alias;

    public IReadOnlyList<Deployment> Deployments { get; } = deployments;

    public IDeploymentSelectionPolicy Policy { get; } = policy;

    /// <summary>A counter for rotating policies; thread-safe, wraps around.</summary>
    public int NextTurn() => Interlocked.Increment(ref _turn) & int.MaxValue;
}
