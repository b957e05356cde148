using System.Diagnostics;
using Switchboard.Knowledge;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// Brings the knowledge base up with the server: rebuilds the in-memory indexes from the database (loading the
/// vector snapshot first, so a large HNSW graph is not rebuilt), then runs the ingestion workers, which resume
/// every unfinished job. On shutdown the workers stop between steps and the vector index is saved.
/// </summary>
internal sealed partial class KnowledgeHostedService(
    KnowledgeStore store,
    KnowledgeIndex index,
    IngestionWorkers workers,
    KnowledgePaths paths,
    Func<KnowledgeOptions> options,
    ILogger<KnowledgeHostedService> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options();
        if (settings.EmbeddingModel is not null && File.Exists(paths.VectorSnapshot))
        {
            try
            {
                index.AdoptVectors(IndexFactory.LoadVectors(paths.VectorSnapshot));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException)
            {
                LogSnapshotUnreadable(ex, paths.VectorSnapshot);
            }
        }

        var documents = store.ReadyDocuments();
        foreach (var chunks in store.LiveChunks(settings.EmbeddingModel).GroupBy(c => c.DocumentId))
        {
            if (documents.TryGetValue(chunks.Key, out var record) && record.ReadyVersion is { } version)
            {
                index.Add([.. chunks], version);
                index.Publish(IndexedDocuments.From(record));
            }
        }

        index.Reconcile();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogLoaded(index.ChunkCount, elapsed);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        index.Vectors?.Save(paths.VectorSnapshot);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => workers.RunAsync(options().Workers, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base loaded: {Chunks} chunks indexed in {Milliseconds:0} ms")]
    private partial void LogLoaded(int chunks, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The vector snapshot {Path} could not be read; vectors are rebuilt from the database")]
    private partial void LogSnapshotUnreadable(Exception exception, string path);
}
