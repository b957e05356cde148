namespace Switchboard.Server.Web.Admin;

/// <summary>The system page's snapshot: deployments, the ingestion queue, loaded local models, process figures.</summary>
internal sealed record SystemStatus(
    IReadOnlyList<DeploymentStatus> Deployments,
    int IngestionWaiting,
    int IngestionRunning,
    IReadOnlyList<LoadedModelStatus> LoadedModels,
    TimeSpan Uptime,
    long WorkingSetBytes,
    string Version);
