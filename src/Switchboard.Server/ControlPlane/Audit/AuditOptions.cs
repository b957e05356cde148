namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>Sizes of the audit queue and of the batches the writer appends in one transaction.</summary>
internal sealed class AuditOptions
{
    /// <summary>Entries waiting to be written; when full, <see cref="AuditLog.AppendAsync"/> waits instead of dropping.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    public int BatchSize { get; set; } = 256;
}
