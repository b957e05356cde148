using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Usage.Ledger;

/// <summary>
/// The one consumer of <see cref="UsageLedger"/>'s queue in this process: stores rows in batches (one transaction
/// each), off the request path. A failed batch is retried with back-off for as long as the process lives, skipping
/// rows an earlier attempt stored after all (rows have unique ids), so a database that is slow or briefly down
/// delays rows and loses none. Spill files are imported once the database takes rows. On shutdown the queue is
/// drained; whatever cannot be stored by then is spilled, and the next start imports it.
/// </summary>
internal sealed partial class UsageLedgerWriter(UsageLedger ledger, IUsageRowWriter rows, ILogger<UsageLedgerWriter> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SpillCheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a batch that is not full waits for more rows: fewer, larger transactions under load.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The web server has stopped by now (it stops first): nothing new arrives except late in-process calls, which spill.
        ledger.Complete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = ledger.Reader;
        var batch = new List<UsageEntry>(ledger.BatchSize);
        while (true)
        {
            // Not the stopping token: the loop ends when the queue is completed and drained.
            var wait = reader.WaitToReadAsync(CancellationToken.None).AsTask();
            if (ledger.Spill.HasPending && !stoppingToken.IsCancellationRequested)
            {
                await Task.WhenAny(wait, Task.Delay(SpillCheckInterval, stoppingToken)).ConfigureAwait(false);
                if (!wait.IsCompleted)
                {
                    await ImportSpillAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (!await wait.ConfigureAwait(false))
            {
                break;
            }

            Drain(reader, batch);
            if (batch.Count < ledger.BatchSize && !stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(Linger, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: write what there is.
                }

                Drain(reader, batch);
            }

            if (!await StoreWithRetryAsync(batch, stoppingToken).ConfigureAwait(false))
            {
                // Stopping with the database unreachable: keep every row for the next start.
                SpillRest(batch, reader);
            }

            ledger.ReportProgress(batch.Count);
            batch.Clear();
            if (ledger.Spill.HasPending && reader.Count == 0 && !stoppingToken.IsCancellationRequested)
            {
                await ImportSpillAsync(stoppingToken).ConfigureAwait(false);
            }
        }

        ledger.ReportProgress(0);
    }

    private void Drain(System.Threading.Channels.ChannelReader<UsageEntry> reader, List<UsageEntry> batch)
    {
        while (batch.Count < ledger.BatchSize && reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }
    }

    /// <summary>Stores <paramref name="batch"/>, retrying until it succeeds; false only when shutdown interrupted the retries.</summary>
    private async Task<bool> StoreWithRetryAsync(List<UsageEntry> batch, CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await StoreAsync(batch, skipStored: attempt > 0).ConfigureAwait(false);
                if (attempt > 0)
                {
                    LogRecovered(batch.Count, attempt);
                }

                return true;
            }
#pragma warning disable CA1031 // Any storage failure is retried; the writer must outlive it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return false;
                }

                LogRetrying(batch.Count, delay.TotalSeconds, ex);
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: one last attempt, then the rows are spilled.
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private Task StoreAsync(IReadOnlyList<UsageEntry> batch, bool skipStored) => rows.WriteAsync(batch, skipStored);

    private async Task ImportSpillAsync(CancellationToken stoppingToken)
    {
        foreach (var file in ledger.Spill.TakeFiles())
        {
            var entries = UsageSpill.Read(file);
            try
            {
                for (var i = 0; i < entries.Count; i += ledger.BatchSize)
                {
                    // A crash during an earlier import may have stored part of the file: always skip stored rows.
                    await StoreAsync(entries.GetRange(i, Math.Min(ledger.BatchSize, entries.Count - i)), skipStored: true).ConfigureAwait(false);
                }

                File.Delete(file);
                LogImported(entries.Count, file);
            }
#pragma warning disable CA1031 // The file stays; the next check tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ledger.Spill.MarkPending();
                LogImportFailed(file, ex);
                return;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        ledger.ReportProgress(0);
    }

    private void SpillRest(List<UsageEntry> batch, System.Threading.Channels.ChannelReader<UsageEntry> reader)
    {
        var count = batch.Count;
        foreach (var entry in batch)
        {
            ledger.Spill.Append(entry);
        }

        while (reader.TryRead(out var entry))
        {
            ledger.Spill.Append(entry);
            count++;
        }

        LogSpilledAtShutdown(count, ledger.Spill.DirectoryPath);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} usage rows; retrying in {DelaySeconds} s (the rows wait in memory)")]
    private partial void LogRetrying(int count, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} usage rows after {Attempts} failed attempt(s)")]
    private partial void LogRecovered(int count, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} spilled usage rows from {File}")]
    private partial void LogImported(int count, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not import spilled usage rows from {File}; trying again later")]
    private partial void LogImportFailed(string file, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down with the usage database unreachable: {Count} rows spilled to {Directory}; the next start imports them")]
    private partial void LogSpilledAtShutdown(int count, string directory);
}
