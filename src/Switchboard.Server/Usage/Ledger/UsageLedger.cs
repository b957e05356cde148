using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Server.Usage.Ledger;

/// <summary>
/// The usage ledger's front: <see cref="Record"/> puts a row in a bounded in-memory queue and returns — the request
/// path never waits for the database. <see cref="UsageLedgerWriter"/> (one per process) stores queued rows in
/// batches. When the queue is full, rows are appended to a spill file instead (<see cref="UsageSpill"/>): we chose
/// spilling over backpressure because a slow database must not slow requests down, and over dropping because
/// usage is money. Thread-safe.
/// </summary>
internal sealed class UsageLedger : IUsageSink
{
    private readonly Channel<UsageEntry> _queue;
    private readonly Lock _progressLock = new();
    private long _queued;
    private long _done;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UsageLedger(GatewayConfigProvider config, IOptions<UsageOptions> options, ILogger<UsageSpill> spillLogger)
    {
        var usage = config.Current.Usage;
        Capacity = usage.QueueCapacity;
        BatchSize = usage.BatchSize;
        _queue = Channel.CreateBounded<UsageEntry>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Spill = new UsageSpill(options.Value.SpillDirectory, spillLogger);
    }

    public int Capacity { get; }

    public int BatchSize { get; }

    public UsageSpill Spill { get; }

    /// <summary>Rows waiting in memory.</summary>
    public int QueueLength => _queue.Reader.Count;

    internal ChannelReader<UsageEntry> Reader => _queue.Reader;

    public void Record(UsageEntry entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _queued);
            return;
        }

        Spill.Append(entry);
    }

    /// <summary>
    /// Completes when every row queued before the call is stored and the spill files are imported (or, when the
    /// database stays down, never: bound it with <paramref name="cancellationToken"/>).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _queued);
        while (true)
        {
            Task progress;
            lock (_progressLock)
            {
                if (_done >= target && !Spill.HasPending)
                {
                    return;
                }

                progress = _progress.Task;
            }

            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting rows into the queue (later rows are spilled); the writer drains what is queued.</summary>
    internal void Complete() => _queue.Writer.TryComplete();

    /// <summary>The writer reports rows stored (or spilled) and spill imports; wakes flushes.</summary>
    internal void ReportProgress(int rows)
    {
        TaskCompletionSource progress;
        lock (_progressLock)
        {
            _done += rows;
            progress = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        progress.TrySetResult();
    }
}
