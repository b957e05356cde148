using System.Text.Json;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.ControlPlane.Admin.Audit;

/// <summary>An audit entry as <c>/api/v1/admin/audit</c> shows it; <see cref="Actor"/> is <c>user:…</c>, <c>key:…</c>, <c>system</c> or <c>anonymous</c>.</summary>
internal sealed record AuditEntryView(long Sequence, DateTimeOffset Timestamp, string Actor, string Action, string? Target, JsonElement? Details, string Hash)
{
    public static AuditEntryView Of(AuditEntry e) => new(e.Sequence, e.Timestamp, AuditQuery.ActorText(e.ActorKind, e.ActorId), e.Action, e.Target,
        e.Details is null ? null : JsonDocument.Parse(e.Details).RootElement.Clone(), e.Hash);
}
