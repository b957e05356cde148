namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>The outcome of walking the audit chain.</summary>
/// <param name="Entries">Entries checked (all of them when intact).</param>
/// <param name="BrokenAt">The first sequence number that fails a check; null when intact.</param>
/// <param name="Reason">Why <paramref name="BrokenAt"/> fails.</param>
/// <param name="HeadHash">The last entry's hash when intact: record it elsewhere to detect truncation later.</param>
internal sealed record AuditVerification(long Entries, long? BrokenAt, string? Reason, string? HeadHash)
{
    public bool Intact => BrokenAt is null;
}
