using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Retrieval;

/// <summary>
/// Searches the collections a caller may read: lexical, vector or hybrid (reciprocal-rank fusion). Access, tag and
/// document filters are applied inside the indexes before ranking, so the top k is the caller's top k. Thread-safe.
/// </summary>
internal sealed class KnowledgeSearch(KnowledgeStore store, KnowledgeIndex index, IKnowledgeModels models, LlmReranker reranker, Func<KnowledgeOptions> options)
{
    /// <summary>Candidates taken from each ranking before fusion.</summary>
    private const int FusionDepth = 50;

    public const int MaxK = 100;

    /// <summary>The caller's readable collections among <paramref name="names"/> (all of them when null); an unknown or forbidden name is a 404.</summary>
    public List<CollectionRecord> ReadableCollections(KnowledgeCaller caller, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return [.. store.ListCollections(caller.Tenant).Where(caller.CanUse)];
        }

        var collections = new List<CollectionRecord>(names.Count);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            // Forbidden and missing look the same: a name is no hint that a collection exists.
            var collection = store.GetCollection(caller.Tenant, name);
            collections.Add(collection is not null && caller.CanUse(collection)
                ? collection
                : throw new SearchException(404, $"The collection '{name}' does not exist."));
        }

        return collections;
    }

    public async Task<SearchResponse> SearchAsync(KnowledgeCaller caller, SearchRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new SearchException(400, "The field 'query' must be a non-empty string.");
        }

        if (request.K is < 1 or > MaxK)
        {
            throw new SearchException(400, $"The field 'k' must be between 1 and {MaxK}.");
        }

        var settings = options();
        var mode = ChooseMode(request.Mode, settings);
        var collections = ReadableCollections(caller, request.Collections);
        if (collections.Count == 0)
        {
            return new SearchResponse(mode, []);
        }

        var filter = index.Filter(collections.Select(c => c.Id).ToHashSet(StringComparer.Ordinal),
            request.Tags is { Count: > 0 } tags ? tags.ToHashSet(StringComparer.Ordinal) : null,
            request.DocumentIds is { Count: > 0 } ids ? ids.ToHashSet(StringComparer.Ordinal) : null);
        var depth = Math.Max(Math.Max(FusionDepth, settings.RerankCandidates), request.K);
        Dictionary<long, double> lexical = [];
        Dictionary<long, double> vector = [];
        if (mode != SearchMode.Vector)
        {
            lexical = index.Lexical.Search(request.Query, depth, filter).ToDictionary(h => h.Id, h => h.Score);
        }

        if (mode != SearchMode.Lexical && index.Vectors is { } vectors)
        {
            var embedding = (await models.EmbedAsync(caller, settings.EmbeddingModel!, [request.Query], cancellationToken).ConfigureAwait(false))[0];
            vector = vectors.Search(embedding, depth, filter).ToDictionary(h => h.Id, h => (double)h.Score);
        }

        var ranked = mode switch
        {
            SearchMode.Lexical => [.. lexical.Select(h => (h.Key, h.Value)).OrderByDescending(h => h.Value)],
            SearchMode.Vector => [.. vector.Select(h => (h.Key, h.Value)).OrderByDescending(h => h.Value)],
            _ => RankFusion.Fuse([.. lexical.OrderByDescending(h => h.Value).Select(h => h.Key)], [.. vector.OrderByDescending(h => h.Value).Select(h => h.Key)]),
        };
        var rerank = request.Rerank ?? settings.RerankModel is not null;
        if (rerank && settings.RerankModel is null)
        {
            throw new SearchException(400, "Re-ranking needs a model: set knowledge.rerankModel in the config.");
        }

        var terms = Highlighter.QueryTerms(request.Query);
        if (!rerank)
        {
            return new SearchResponse(mode, Describe([.. ranked.Take(request.K)], lexical, vector, terms, collections));
        }

        var candidates = Describe([.. ranked.Take(Math.Max(request.K, settings.RerankCandidates))], lexical, vector, terms, collections);
        var reordered = await reranker.RerankAsync(caller, settings.RerankModel!, request.Query, candidates, c => c.Text, cancellationToken).ConfigureAwait(false);
        return new SearchResponse(mode, [.. (reordered ?? candidates).Take(request.K)], Reranked: reordered is not null);
    }

    private string ChooseMode(string? requested, KnowledgeOptions settings)
    {
        if (!SearchMode.IsKnown(requested))
        {
            throw new SearchException(400, $"The field 'mode' must be lexical, vector or hybrid, not '{requested}'.");
        }

        var vectorsReady = settings.EmbeddingModel is not null && models.Exists(settings.EmbeddingModel);
        if (requested is SearchMode.Vector or SearchMode.Hybrid && !vectorsReady)
        {
            throw new SearchException(400, settings.EmbeddingModel is null
                ? $"The '{requested}' mode needs an embedding model: set knowledge.embeddingModel in the config."
                : $"The '{requested}' mode needs the embedding model '{settings.EmbeddingModel}', which is not in the config.");
        }

        return requested ?? (vectorsReady && index.Vectors is not null ? SearchMode.Hybrid : SearchMode.Lexical);
    }

    private List<SearchResult> Describe(List<(long Id, double Score)> top, Dictionary<long, double> lexical, Dictionary<long, double> vector,
        HashSet<string> terms, List<CollectionRecord> collections)
    {
        var chunks = store.GetChunks([.. top.Select(t => t.Id)]);
        var names = collections.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var results = new List<SearchResult>(top.Count);
        foreach (var (id, score) in top)
        {
            // A chunk replaced between ranking and reading is skipped rather than shown from a stale version.
            if (!chunks.TryGetValue(id, out var chunk) || index.Document(chunk.DocumentId) is not { } document)
            {
                continue;
            }

            var (highlight, coverage) = Highlighter.Highlight(chunk.Text, terms);
            results.Add(new SearchResult(id, document.Id, document.Name, document.Title, names.GetValueOrDefault(document.CollectionId, ""), chunk.Section,
                chunk.PageStart, chunk.PageEnd, score, lexical.TryGetValue(id, out var l) ? l : null, vector.TryGetValue(id, out var v) ? v : null,
                coverage, chunk.Text, highlight));
        }

        return results;
    }
}
