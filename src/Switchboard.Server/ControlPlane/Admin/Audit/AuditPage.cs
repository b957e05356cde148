namespace Switchboard.Server.ControlPlane.Admin.Audit;

/// <summary>Entries newest first; <see cref="NextBefore"/> is the <c>before</c> value of the next (older) page, null at the end.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, long? NextBefore);
