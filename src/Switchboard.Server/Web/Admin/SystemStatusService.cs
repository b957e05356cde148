using System.Diagnostics;
using System.Reflection;
using Switchboard.Gateway.Configuration;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Server.LocalModels;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// Reads the system page's figures from the live objects (the same the admin endpoints read): deployment health and
/// load, the ingestion queue, loaded local models. Owners and admins only. One per circuit.
/// </summary>
internal sealed class SystemStatusService(
    WebUserAccessor users,
    GatewayConfigProvider config,
    IngestionQueue queue,
    IngestionWorkers workers,
    LocalModelHost localModels,
    TimeProvider time)
{
    public async Task<SystemStatus> ReadAsync(CancellationToken cancellationToken)
    {
        await users.RequireAsync(WebPermission.ViewSystem, cancellationToken).ConfigureAwait(false);
        var snapshot = config.Current;
        var health = snapshot.Options.Health;
        var deployments = snapshot.RoutesInOrder.SelectMany(route => route.Deployments.Select(d => DeploymentStatus.Of(route.Alias, d, health))).ToList();
        var loaded = localModels.Managers.SelectMany(m => m.Value.Loaded.Select(l =>
            new LoadedModelStatus(m.Key, l.Path, l.SizeBytes, l.Slots, l.Busy, l.Queued, l.LastUsed))).ToList();
        using var process = Process.GetCurrentProcess();
        return new SystemStatus(deployments, queue.Waiting, workers.Running, loaded, time.GetUtcNow() - process.StartTime.ToUniversalTime(), process.WorkingSet64,
            typeof(SystemStatusService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?");
    }
}
