using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>
/// Accepts audit events without touching the database: they go to a bounded in-memory queue that
/// <see cref="AuditWriter"/> (one per process) appends to the chain in batches. Appending waits only when
/// the queue is full, so a slow database slows callers down rather than losing events. Thread-safe.
/// </summary>
internal sealed partial class AuditLog
{
    private readonly Channel<AuditWorkItem> _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;

    public AuditLog(IOptions<ControlPlaneOptions> options, TimeProvider time, ILogger<AuditLog> logger)
    {
        _queue = Channel.CreateBounded<AuditWorkItem>(new BoundedChannelOptions(options.Value.Audit.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _time = time;
        _logger = logger;
    }

    internal ChannelReader<AuditWorkItem> Reader => _queue.Reader;

    /// <summary>Queues an event stamped with the current time. <paramref name="cancellationToken"/> cancels only a wait for queue space.</summary>
    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var item = new AuditWorkItem(record, AuditChain.Truncate(_time.GetUtcNow()), null);
        return _queue.Writer.TryWrite(item) ? ValueTask.CompletedTask : WaitAndAppendAsync(item, cancellationToken);
    }

    /// <summary>Completes when every event queued before the call is stored (or the log has shut down).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new AuditWorkItem(null, default, flushed), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting events; the writer drains what is queued and then stops.</summary>
    internal void Complete() => _queue.Writer.TryComplete();

    private async ValueTask WaitAndAppendAsync(AuditWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            LogDroppedAfterShutdown(item.Record!.Action);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {Action} arrived after the audit log shut down and was not recorded")]
    private partial void LogDroppedAfterShutdown(string action);
}
