using Microsoft.Extensions.Logging;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Chunking;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Readers;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Ingestion;

/// <summary>
/// Takes one document through read → chunk → embed → index. Each step starts from the state the previous one
/// persisted, so the pipeline can be stopped anywhere (a crash, a kill, a shutdown) and resumed by running it again:
/// parsing restarts from the stored file, embedding skips chunks that already have a vector, indexing is an upsert.
/// A step that keeps failing the process is given up after <see cref="MaxAttempts"/> tries. Thread-safe; one
/// document must not run in two calls at once (<see cref="IngestionWorkers"/> guarantees that).
/// </summary>
internal sealed partial class IngestionPipeline(
    KnowledgeStore store,
    FileStore files,
    KnowledgeIndex index,
    DocumentReaders readers,
    IKnowledgeModels models,
    Func<KnowledgeOptions> options,
    TimeProvider time,
    ILogger<IngestionPipeline> logger)
{
    public const int MaxAttempts = 3;

    private const int EmbeddingBatch = 32;

    private static readonly TimeSpan[] EmbeddingRetries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(16)];

    /// <summary>Runs the document's remaining steps. Failures are recorded on the document, never thrown (except cancellation).</summary>
    public async Task RunAsync(string documentId, CancellationToken cancellationToken)
    {
        var document = store.GetDocument(documentId);
        if (document is null || !DocumentStatus.IsPending(document.Status))
        {
            return;
        }

        var version = document.Version;
        if (store.CountAttempt(documentId, version) > MaxAttempts)
        {
            Fail(document, $"Gave up after {MaxAttempts} attempts at the '{document.Status}' step (the worker stopped each time).");
            return;
        }

        var settings = options();
        try
        {
            var status = document.Status;
            if (status is DocumentStatus.Queued or DocumentStatus.Parsing or DocumentStatus.Chunking)
            {
                if (!ReadAndChunk(document, settings, cancellationToken, out status))
                {
                    return;
                }
            }

            if (status == DocumentStatus.Embedding)
            {
                if (!await EmbedAsync(document, settings, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            Index(document, settings);
        }
        catch (DocumentReadException ex)
        {
            Fail(document, ex.Message);
        }
        catch (KnowledgeModelException ex)
        {
            Fail(document, ex.Message);
        }
    }

    private bool ReadAndChunk(DocumentRecord document, KnowledgeOptions settings, CancellationToken cancellationToken, out string next)
    {
        next = settings.EmbeddingModel is null ? DocumentStatus.Indexing : DocumentStatus.Embedding;
        if (!store.SetStatus(document.Id, document.Version, DocumentStatus.Parsing))
        {
            return false;
        }

        if (!files.Exists(document.ContentHash))
        {
            throw new DocumentReadException("The uploaded file is missing from storage; upload it again.");
        }

        Documents.ParsedDocument parsed;
        using (var stream = files.Open(document.ContentHash))
        {
            var limits = new ReaderLimits { MaxDecompressedBytes = settings.MaxDecompressedBytes };
            parsed = readers.Read(stream, ReaderFileName(document), limits, cancellationToken);
        }

        if (!store.SetStatus(document.Id, document.Version, DocumentStatus.Chunking))
        {
            return false;
        }

        var chunks = DocumentChunker.Chunk(parsed, new ChunkingOptions { MaxTokens = settings.ChunkTokens, OverlapTokens = settings.ChunkOverlapTokens });
        if (chunks.Count == 0)
        {
            throw new DocumentReadException("No text was found in the document (a scanned file without a text layer?).");
        }

        var pages = parsed.Blocks.Select(b => b.Page).Max();
        var title = string.IsNullOrWhiteSpace(parsed.Title) ? Path.GetFileNameWithoutExtension(document.Name) : parsed.Title;
        return store.SaveChunks(document.Id, document.Version, title, pages, chunks, next);
    }

    private async Task<bool> EmbedAsync(DocumentRecord document, KnowledgeOptions settings, CancellationToken cancellationToken)
    {
        if (settings.EmbeddingModel is not { } model)
        {
            return store.SetStatus(document.Id, document.Version, DocumentStatus.Indexing);
        }

        var pending = store.ChunksNeedingEmbedding(document.Id, document.Version, model);
        var caller = KnowledgeCaller.System(document.Tenant);
        for (var start = 0; start < pending.Count; start += EmbeddingBatch)
        {
            var batch = pending.Skip(start).Take(EmbeddingBatch).ToList();
            var vectors = await EmbedWithRetriesAsync(caller, model, [.. batch.Select(c => c.Text)], cancellationToken).ConfigureAwait(false);
            if (vectors.Length != batch.Count)
            {
                throw new KnowledgeModelException($"The embedding model '{model}' returned {vectors.Length} vectors for {batch.Count} inputs.");
            }

            // Persisted per batch: a restart embeds only what is still missing.
            store.SaveEmbeddings([.. batch.Select((c, i) => (c.Id, vectors[i]))], model);
        }

        return store.SetStatus(document.Id, document.Version, DocumentStatus.Indexing);
    }

    /// <summary>
    /// A model that is briefly down or rate-limited (5xx, 429) should not fail a whole upload: such failures are retried
    /// after 1, 4 and 16 seconds; anything else (unknown alias, bad request) fails the document at once.
    /// </summary>
    private async Task<float[][]> EmbedWithRetriesAsync(Access.KnowledgeCaller caller, string model, IReadOnlyList<string> inputs,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await models.EmbedAsync(caller, model, inputs, cancellationToken).ConfigureAwait(false);
            }
            catch (KnowledgeModelException ex) when (attempt < EmbeddingRetries.Length && ex.Status is 429 or >= 500)
            {
                await Task.Delay(EmbeddingRetries[attempt], time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Index(DocumentRecord document, KnowledgeOptions settings)
    {
        var chunks = store.ChunksOf(document.Id, document.Version, settings.EmbeddingModel);
        index.Add(chunks, document.Version);
        var replaced = store.MarkReady(document.Id, document.Version, chunks.Count);
        if (replaced is null)
        {
            // Deleted or re-uploaded while we worked: this version never becomes visible.
            index.Remove(chunks.Select(c => c.Id));
            return;
        }

        var ready = store.GetDocument(document.Id);
        if (ready is not null)
        {
            index.Publish(IndexedDocuments.From(ready));
        }

        index.Remove(replaced);
        LogReady(document.Id, document.Name, chunks.Count);
    }

    /// <summary>
    /// The name readers choose a format by: the document's own name, or for a fetched URL without a known extension
    /// ("…/intranet/policy") the extension its content type implies.
    /// </summary>
    private string ReaderFileName(DocumentRecord document)
    {
        var name = document.SourceUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : document.Name;
        if (readers.SupportedExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
        {
            return name;
        }

        var extension = document.ContentType switch
        {
            "text/html" or "application/xhtml+xml" => ".html",
            "application/pdf" => ".pdf",
            "text/markdown" => ".md",
            "text/plain" => ".txt",
            "text/csv" => ".csv",
            "application/json" => ".json",
            "message/rfc822" => ".eml",
            _ => null,
        };
        return extension is null ? document.Name : (name.Length > 0 ? name : "page") + extension;
    }

    private void Fail(DocumentRecord document, string reason)
    {
        if (store.SetStatus(document.Id, document.Version, DocumentStatus.Failed, reason))
        {
            LogFailed(document.Id, document.Name, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} ({Name}) is ready: {Chunks} chunks")]
    private partial void LogReady(string documentId, string name, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} ({Name}) failed: {Reason}")]
    private partial void LogFailed(string documentId, string name, string reason);
}
