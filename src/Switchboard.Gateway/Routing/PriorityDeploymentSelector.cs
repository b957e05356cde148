namespace Switchboard.Gateway.Routing;

/// <summary>Tries deployments in the order they are written in the config (ordered fallback).</summary>
internal sealed class PriorityDeploymentSelector : IDeploymentSelector
{
    public IReadOnlyList<Deployment> SelectAttemptOrder(ModelRoute route) => route.Deployments;
}
