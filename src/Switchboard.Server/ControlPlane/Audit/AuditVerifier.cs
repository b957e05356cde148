using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>
/// Walks the audit chain in sequence order and reports the first entry that is missing (a gap), edited
/// (its hash no longer matches its fields) or re-linked (its previous hash is not the prior entry's hash).
/// Removing entries from the end cannot be seen from inside the chain; compare <see cref="AuditVerification.HeadHash"/>
/// with a copy kept elsewhere for that.
/// </summary>
internal sealed class AuditVerifier(IDbContextFactory<ControlPlaneDbContext> factory)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            long expected = 1;
            var previousHash = AuditChain.GenesisHash;
            var entries = db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
            await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (entry.Sequence != expected)
                {
                    return Broken(expected, entry.Sequence > expected
                        ? $"entry missing (the next stored entry is #{entry.Sequence})"
                        : $"unexpected sequence number {entry.Sequence}");
                }

                if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    return Broken(expected, expected == 1
                        ? "previous hash of the first entry is not the genesis hash"
                        : $"previous hash does not match entry #{expected - 1}");
                }

                if (!string.Equals(AuditChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
                {
                    return Broken(expected, "hash mismatch: the entry was modified");
                }

                previousHash = entry.Hash;
                expected++;
            }

            return new AuditVerification(expected - 1, null, null, expected == 1 ? null : previousHash);
        }

        AuditVerification Broken(long sequence, string reason) => new(sequence - 1, sequence, reason, null);
    }
}
