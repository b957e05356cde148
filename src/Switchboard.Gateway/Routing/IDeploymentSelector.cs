namespace Switchboard.Gateway.Routing;

/// <summary>
/// Decides the order in which an alias's deployments are tried for one request. This is the seam for
/// routing policies (priority, weighted, least-busy …); the relay tries the returned deployments in order
/// until one answers before the first byte reaches the client.
/// </summary>
internal interface IDeploymentSelector
{
    IReadOnlyList<Deployment> SelectAttemptOrder(ModelRoute route);
}
