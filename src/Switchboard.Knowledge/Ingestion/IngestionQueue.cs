using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Switchboard.Knowledge.Ingestion;

/// <summary>
/// The in-process queue of document ids waiting for the pipeline. It holds no state of its own worth keeping: the
/// database is the durable queue (pending statuses), this only wakes the workers. An id queued while already waiting
/// is not queued twice. Thread-safe.
/// </summary>
internal sealed class IngestionQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);

    public int Waiting => _waiting.Count;

    public void Enqueue(string documentId)
    {
        if (_waiting.TryAdd(documentId, 0))
        {
            _channel.Writer.TryWrite(documentId);
        }
    }

    public async ValueTask<string> DequeueAsync(CancellationToken cancellationToken)
    {
        var id = await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        _waiting.TryRemove(id, out _);
        return id;
    }
}
