namespace Switchboard.Gateway.Routing;

/// <summary>
/// A named way of choosing among an alias's eligible deployments (<c>"policy"</c> in the config).
/// <see cref="Order"/> rearranges the candidates in place: the first is tried first, the rest follow as
/// failover. Implementations are stateless singletons (live figures come from <see cref="DeploymentState"/>),
/// thread-safe, and do not allocate.
/// </summary>
internal interface IDeploymentSelectionPolicy
{
    string Name { get; }

    void Order(Span<Deployment> candidates, in SelectionContext context);
}
