namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>What the audit queue carries: an event with the time it happened, or a flush request.</summary>
internal readonly record struct AuditWorkItem(AuditRecord? Record, DateTimeOffset Timestamp, TaskCompletionSource? Flushed);
