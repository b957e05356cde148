using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Routing;

/// <summary>
/// Decides which of an alias's deployments may serve a request and in which order they are tried:
/// request-aware rules first (capabilities, context window, the caller's preference), then the alias's
/// policy. The relay tries the returned deployments in order until one answers before the first byte
/// reaches the client.
/// </summary>
internal interface IDeploymentSelector
{
    /// <summary>
    /// Returns the attempt order, or an error when no deployment is eligible. Deployments out of rotation
    /// (open circuit, 429 cooldown) are left out unless that would leave none (panic mode: try them all).
    /// The caller disposes <paramref name="order"/> (it holds a pooled array), also after an error.
    /// </summary>
    OpenAiError? SelectAttemptOrder(ModelRoute route, in RequestFeatures features, RoutePreference preference, HealthOptions health,
        out AttemptOrder order);
}
