using System.Collections.Concurrent;
using Switchboard.Knowledge.Lexical;
using Switchboard.Knowledge.Store;
using Switchboard.Knowledge.Vectors;

namespace Switchboard.Knowledge.Retrieval;

/// <summary>
/// The searchable state of the knowledge base: one lexical index, one vector index (for the configured embedding
/// model, created at the first vector), and a catalog mapping chunk ids to document versions. A document version's
/// chunks are added first and become visible only when <see cref="Publish"/> swaps in the document's new ready
/// version — one reference assignment, so no search sees half a document. Derived from the database and rebuilt
/// from it at start-up. Thread-safe.
/// </summary>
internal sealed class KnowledgeIndex(ILexicalIndex lexical, Func<int, IVectorIndex> createVectors) : IDisposable
{
    private readonly ConcurrentDictionary<long, IndexedChunk> _chunks = new();
    private readonly ConcurrentDictionary<string, IndexedDocument> _documents = new(StringComparer.Ordinal);
    private readonly Lock _vectorLock = new();
    private IVectorIndex? _vectors;

    public ILexicalIndex Lexical => lexical;

    /// <summary>The vector index, or null until the first embedded chunk arrives.</summary>
    public IVectorIndex? Vectors => _vectors;

    public int ChunkCount => _chunks.Count;

    /// <summary>Uses an index loaded from a snapshot; <see cref="Reconcile"/> then brings it in line with the database.</summary>
    public void AdoptVectors(IVectorIndex vectors)
    {
        lock (_vectorLock)
        {
            _vectors?.Dispose();
            _vectors = vectors;
        }
    }

    /// <summary>Indexes one document version's chunks; they stay invisible until the version is published.</summary>
    public void Add(IReadOnlyList<LiveChunk> chunks, int version)
    {
        foreach (var chunk in chunks)
        {
            _chunks[chunk.Id] = new IndexedChunk(chunk.DocumentId, version);
            lexical.Upsert(chunk.Id, new LexicalFields(chunk.Title, chunk.Section, chunk.Text));
            // A chunk id's text and vector never change, so an id already present (from a loaded snapshot) is skipped:
            // re-inserting into an HNSW graph is the expensive part of a start-up.
            if (chunk.Embedding is { } embedding && VectorsFor(embedding.Length) is { } vectors && !vectors.Contains(chunk.Id))
            {
                vectors.Upsert(chunk.Id, embedding);
            }
        }
    }

    /// <summary>Makes <paramref name="document"/>'s ready version the visible one (and refreshes its tags and title).</summary>
    public void Publish(IndexedDocument document) => _documents[document.Id] = document;

    public void Remove(IEnumerable<long> chunkIds)
    {
        foreach (var id in chunkIds)
        {
            _chunks.TryRemove(id, out _);
            lexical.Remove(id);
            _vectors?.Remove(id);
        }
    }

    public void RemoveDocument(string documentId, IEnumerable<long> chunkIds)
    {
        _documents.TryRemove(documentId, out _);
        Remove(chunkIds);
    }

    public IndexedDocument? Document(string id) => _documents.GetValueOrDefault(id);

    /// <summary>
    /// The pre-ranking filter: a chunk passes when its version is its document's ready one, the document is in one of
    /// <paramref name="collectionIds"/> (already narrowed to what the caller may read), and it matches the optional
    /// tag and document filters.
    /// </summary>
    public Func<long, bool> Filter(IReadOnlySet<string> collectionIds, IReadOnlySet<string>? tags = null, IReadOnlySet<string>? documentIds = null) =>
        id => _chunks.TryGetValue(id, out var chunk)
            && _documents.TryGetValue(chunk.DocumentId, out var document)
            && document.ReadyVersion == chunk.Version
            && collectionIds.Contains(document.CollectionId)
            && (documentIds is null || documentIds.Contains(document.Id))
            && (tags is null || tags.Overlaps(document.Tags));

    /// <summary>Removes from the vector index every id the database no longer has (a snapshot older than the last run).</summary>
    public void Reconcile()
    {
        if (_vectors is not { } vectors)
        {
            return;
        }

        foreach (var id in vectors.Ids())
        {
            if (!_chunks.ContainsKey(id))
            {
                vectors.Remove(id);
            }
        }
    }

    public void Dispose()
    {
        _vectors?.Dispose();
        (lexical as IDisposable)?.Dispose();
    }

    private IVectorIndex VectorsFor(int dimensions)
    {
        if (_vectors is { } existing)
        {
            return existing.Dimensions == dimensions
                ? existing
                : throw new InvalidOperationException(
                    $"The embedding has {dimensions} dimensions but the index holds {existing.Dimensions}; re-index after changing the embedding model.");
        }

        lock (_vectorLock)
        {
            return _vectors ??= createVectors(dimensions);
        }
    }
}
