namespace Switchboard.Gateway.Routing;

/// <summary>An alias and the deployments that can serve it, in configured order. Immutable.</summary>
internal sealed class ModelRoute(string alias, Deployment[] deployments)
{
    public string Alias { get; } = alias;

    public IReadOnlyList<Deployment> Deployments { get; } = deployments;
}
