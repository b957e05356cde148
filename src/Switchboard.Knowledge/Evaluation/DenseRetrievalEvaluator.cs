using System.Diagnostics;
using Switchboard.Knowledge.Lexical;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Vectors;

namespace Switchboard.Knowledge.Evaluation;

/// <summary>
/// Scores the <c>vector</c> and <c>hybrid</c> modes on a BEIR dataset: embeds the corpus (title + text) and the queries
/// with the given embedder, indexes the vectors like the knowledge base does, and ranks by cosine similarity or by
/// reciprocal-rank fusion with BM25 (top 100 of each). Queries are embedded before timing, so the reported latency is
/// the index's, not the embedding model's.
/// </summary>
internal static class DenseRetrievalEvaluator
{
    private const int Depth = 100;

    public static async Task<RetrievalReport> EvaluateAsync(BeirDataset dataset, bool hybrid, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embed,
        int batchSize, Bm25Options? options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var indexing = Stopwatch.StartNew();
        var ids = dataset.Corpus.Select(d => d.Id).ToArray();
        IVectorIndex? vectors = null;
        try
        {
            for (var start = 0; start < dataset.Corpus.Count; start += batchSize)
            {
                var batch = dataset.Corpus.Skip(start).Take(batchSize).ToList();
                var embedded = await embed([.. batch.Select(d => string.IsNullOrEmpty(d.Title) ? d.Text : d.Title + "\n" + d.Text)], cancellationToken)
                    .ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    vectors ??= IndexFactory.Vectors(embedded[i].Length);
                    vectors.Upsert(start + i, embedded[i]);
                }

                progress?.Report(start + batch.Count);
            }

            using var lexical = new Bm25LexicalIndex(options);
            if (hybrid)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    lexical.Upsert(i, new LexicalFields(dataset.Corpus[i].Title, null, dataset.Corpus[i].Text));
                }
            }

            indexing.Stop();
            var queryTexts = dataset.Queries.Values.ToList();
            var queryVectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var start = 0; start < queryTexts.Count; start += batchSize)
            {
                var batch = queryTexts.Skip(start).Take(batchSize).ToList();
                var embedded = await embed(batch, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    queryVectors[batch[i]] = embedded[i];
                }
            }

            var index = vectors ?? throw new InvalidOperationException("The corpus is empty.");
            return RetrievalEvaluator.Evaluate(dataset, query =>
            {
                var dense = index.Search(queryVectors[query], Depth);
                if (!hybrid)
                {
                    return [.. dense.Select(h => ids[h.Id])];
                }

                var sparse = lexical.Search(query, Depth);
                return [.. RankFusion.Fuse([.. sparse.Select(h => h.Id)], [.. dense.Select(h => h.Id)]).Take(Depth).Select(f => ids[f.Id])];
            }, indexing.Elapsed);
        }
        finally
        {
            vectors?.Dispose();
        }
    }
}
