using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>
/// The single consumer of <see cref="AuditLog"/>'s queue in this process: appends whatever is queued (up to
/// a batch) in one transaction, after taking the chain lock and reading the chain's head, so sequence
/// numbers and hashes stay in order even with several writing processes. A failed batch is retried with
/// back-off; on shutdown the queue is drained before the service stops.
/// </summary>
internal sealed partial class AuditWriter(
    AuditLog log,
    IDbContextFactory<ControlPlaneDbContext> factory,
    Microsoft.Extensions.Options.IOptions<ControlPlaneOptions> options,
    ILogger<AuditWriter> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The web server has stopped taking requests by now (it stops first), so nothing new arrives.
        log.Complete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        var batchSize = options.Value.Audit.BatchSize;
        var batch = new List<AuditWorkItem>(batchSize);
        var flushes = new List<TaskCompletionSource>();
        // Not the stopping token: the loop ends when the queue is completed and drained.
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < batchSize && reader.TryRead(out var item))
            {
                if (item.Flushed is { } flushed)
                {
                    flushes.Add(flushed);
                }
                else
                {
                    batch.Add(item);
                }
            }

            if (batch.Count > 0)
            {
                await WriteWithRetryAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }

            foreach (var flushed in flushes)
            {
                flushed.TrySetResult();
            }

            flushes.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<AuditWorkItem> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await AppendAsync(batch).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // Any storage failure is retried; the writer must outlive it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    LogLost(batch.Count, ex);
                    return;
                }

                LogRetrying(batch.Count, delay.TotalSeconds, ex);
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: one last attempt above, then give up.
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    // Deliberately not cancellable: a batch that has started is finished, even during shutdown.
    private async Task AppendAsync(List<AuditWorkItem> batch)
    {
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await db.LockAuditChainAsync(CancellationToken.None).ConfigureAwait(false);
                var head = await db.AuditEntries.OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(CancellationToken.None).ConfigureAwait(false);
                var sequence = head?.Sequence ?? 0;
                var previousHash = head?.Hash ?? AuditChain.GenesisHash;
                foreach (var item in batch)
                {
                    var record = item.Record!;
                    var entry = new AuditEntry
                    {
                        Sequence = ++sequence,
                        Timestamp = item.Timestamp,
                        TenantId = record.TenantId,
                        ActorKind = record.Actor.Kind,
                        ActorId = record.Actor.Id,
                        Action = record.Action,
                        Target = record.Target,
                        Details = record.Details,
                        PreviousHash = previousHash,
                        Hash = "",
                    };
                    entry.Hash = AuditChain.ComputeHash(entry);
                    previousHash = entry.Hash;
                    db.AuditEntries.Add(entry);
                }

                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not append {Count} audit entries; retrying in {DelaySeconds} s")]
    private partial void LogRetrying(int count, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutting down with {Count} audit entries that could not be stored")]
    private partial void LogLost(int count, Exception exception);
}
