using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Ingestion;

/// <summary>
/// Runs the pipeline on queued documents with a fixed number of workers. At start every unfinished job in the
/// database is queued again, which is how a crash or kill resumes. A document is never processed by two workers at
/// once: one queued again while running is run again afterwards (a re-upload during processing).
/// </summary>
internal sealed partial class IngestionWorkers(IngestionQueue queue, IngestionPipeline pipeline, KnowledgeStore store, ILogger<IngestionWorkers> logger)
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _again = new(StringComparer.Ordinal);

    /// <summary>Documents being processed right now.</summary>
    public int Running => _running.Count;

    public Task RunAsync(int workers, CancellationToken cancellationToken)
    {
        foreach (var id in store.PendingDocuments())
        {
            queue.Enqueue(id);
        }

        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)));
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string id;
            try
            {
                id = await queue.DequeueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_running.TryAdd(id, 0))
            {
                _again[id] = 0;
                continue;
            }

            try
            {
                await pipeline.RunAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutdown: the job's persisted state lets the next start resume it.
            }
            catch (Exception ex)
            {
                // Run again: the attempt counter turns a repeating failure into a failed document.
                LogUnexpected(ex, id);
                _again[id] = 0;
            }
            finally
            {
                _running.TryRemove(id, out _);
                if (_again.TryRemove(id, out _) && !cancellationToken.IsCancellationRequested)
                {
                    queue.Enqueue(id);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingesting document {DocumentId} failed unexpectedly; it will be retried")]
    private partial void LogUnexpected(Exception exception, string documentId);
}
