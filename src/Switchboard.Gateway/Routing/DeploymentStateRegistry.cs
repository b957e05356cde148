using System.Collections.Concurrent;

namespace Switchboard.Gateway.Routing;

/// <summary>
/// Hands out the <see cref="DeploymentState"/> of a deployment by name, so in-flight counts and latency
/// averages survive a config reload that keeps the deployment. Thread-safe.
/// </summary>
internal sealed class DeploymentStateRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DeploymentState> _states = new(StringComparer.Ordinal);

    public DeploymentStateRegistry()
        : this(TimeProvider.System)
    {
    }

    public DeploymentState For(string deploymentName) => _states.GetOrAdd(deploymentName, static (_, t) => new DeploymentState(t), time);
}
