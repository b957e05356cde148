using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;

namespace Switchboard.Server.Web.Admin;

/// <summary>One deployment of an alias with its live state, as <c>GET /api/v1/admin/deployments</c> reports it.</summary>
internal sealed record DeploymentStatus(string Alias, string Name, string Provider, bool Local, string Health, int InFlight, int Queued,
    double? LatencyMs, double? TimeToFirstTokenMs, double? ErrorRate, string? Unusable)
{
    /// <summary>Reads the live state of <paramref name="deployment"/> (shared with every request, kept across reloads).</summary>
    public static DeploymentStatus Of(string alias, Deployment deployment, HealthOptions health)
    {
        var state = deployment.State;
        return new DeploymentStatus(alias, deployment.Name, deployment.Provider.Name, deployment.IsLocal, state.Health.GetState(health).ToString().ToLowerInvariant(),
            state.InFlight, state.Gate.QueueLength, Finite(state.LatencyMs), Finite(state.TimeToFirstTokenMs), state.Health.FailureRate(health),
            deployment.Provider.UnusableReason);
    }

    private static double? Finite(double value) => double.IsNaN(value) ? null : Math.Round(value, 1);
}
