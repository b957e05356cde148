namespace Switchboard.Server.ControlPlane.Admin.Status;

/// <summary>When this server process started serving (for the uptime <c>/api/v1/admin/system</c> reports). Singleton.</summary>
internal sealed class ServerStart(TimeProvider time)
{
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();
}
