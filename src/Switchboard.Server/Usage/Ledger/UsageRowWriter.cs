using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Usage.Ledger;

/// <summary>Stores ledger rows through the provider's bulk insert (<see cref="UsageDbContext.InsertAsync"/>). Thread-safe.</summary>
internal sealed class UsageRowWriter(IDbContextFactory<UsageDbContext> factory) : IUsageRowWriter
{
    // Not cancellable: a batch that has started is finished, even during shutdown.
    public async Task WriteAsync(IReadOnlyList<UsageEntry> rows, bool skipStored)
    {
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            IEnumerable<UsageEntry> pending = rows;
            if (skipStored)
            {
                var ids = rows.Select(e => e.Id).ToList();
                var stored = (await db.UsageRecords.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(CancellationToken.None)
                    .ConfigureAwait(false)).ToHashSet();
                pending = rows.Where(e => !stored.Contains(e.Id));
            }

            await db.InsertAsync(skipStored ? pending.ToList() : rows, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
