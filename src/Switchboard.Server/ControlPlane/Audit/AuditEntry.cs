namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>
/// One stored audit event. Entries form a single chain per database: <see cref="Sequence"/> counts
/// from 1 without gaps and <see cref="Hash"/> covers the entry's fields and <see cref="PreviousHash"/>
/// (see <see cref="AuditChain"/>). Never updated or deleted.
/// </summary>
internal sealed class AuditEntry
{
    public long Sequence { get; set; }

    /// <summary>When the event happened (milliseconds; UTC).</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The tenant the event concerns; null for server-wide events.</summary>
    public Guid? TenantId { get; set; }

    public AuditActorKind ActorKind { get; set; }

    public string? ActorId { get; set; }

    /// <summary>What happened, as <c>noun.verb</c>: see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it happened to, as <c>kind:id</c> (<c>user:…</c>, <c>key:…</c>).</summary>
    public string? Target { get; set; }

    /// <summary>A JSON object with event-specific details, stored and hashed byte for byte.</summary>
    public string? Details { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
