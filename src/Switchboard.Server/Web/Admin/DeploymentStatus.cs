namespace Switchboard.Server.Web.Admin;

/// <summary>One deployment of an alias with its live state, as <c>GET /api/v1/admin/deployments</c> reports it.</summary>
internal sealed record DeploymentStatus(string Alias, string Name, string Provider, bool Local, string Health, int InFlight, int Queued,
    double? LatencyMs, double? TimeToFirstTokenMs, string? Unusable);
