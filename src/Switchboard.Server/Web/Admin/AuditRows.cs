namespace Switchboard.Server.Web.Admin;

/// <summary>A page of audit rows, newest first; <see cref="NextBefore"/> asks for the next (older) page, null at the end.</summary>
internal sealed record AuditRows(IReadOnlyList<AuditRow> Entries, long? NextBefore);
