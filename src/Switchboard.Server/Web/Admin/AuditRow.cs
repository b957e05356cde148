namespace Switchboard.Server.Web.Admin;

/// <summary>
/// An audit entry as the audit page shows it: the actor and target as stored (<c>user:&lt;id&gt;</c>) and, where the tenant
/// still has them, what they are called (an e-mail, a team's or key's name); the details as <c>name: value</c> lines.
/// </summary>
internal sealed record AuditRow(long Sequence, DateTimeOffset Timestamp, string Actor, string? ActorLabel, string Action, string? Target, string? TargetLabel,
    string? Details);
