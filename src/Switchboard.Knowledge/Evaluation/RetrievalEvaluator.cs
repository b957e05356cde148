using System.Diagnostics;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Evaluation;

/// <summary>Indexes a BEIR corpus lexically, runs every judged query and averages the metrics. Single-threaded so latencies are per query.</summary>
internal static class RetrievalEvaluator
{
    /// <summary>Deepest cut-off any metric reads.</summary>
    private const int Depth = 100;

    /// <summary>
    /// Scores <see cref="Bm25LexicalIndex"/> on the dataset. BEIR ids are strings; the index keys chunks by number, so
    /// each document gets its position in the corpus as id (which also keeps ties in corpus order).
    /// </summary>
    public static RetrievalReport EvaluateLexical(BeirDataset dataset, Bm25Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var indexing = Stopwatch.StartNew();
        using var index = new Bm25LexicalIndex(options);
        for (var i = 0; i < dataset.Corpus.Count; i++)
        {
            var document = dataset.Corpus[i];
            index.Upsert(i, new LexicalFields(document.Title, null, document.Text));
        }

        indexing.Stop();
        return Evaluate(dataset, query => [.. index.Search(query, Depth).Select(hit => dataset.Corpus[(int)hit.Id].Id)], indexing.Elapsed);
    }

    /// <summary>Runs every judged query through <paramref name="search"/> (ranked document ids, best first) and averages the metrics.</summary>
    public static RetrievalReport Evaluate(BeirDataset dataset, Func<string, IReadOnlyList<string>> search, TimeSpan indexTime)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(search);
        double ndcg = 0, recall10 = 0, recall100 = 0, mrr = 0;
        var latencies = new List<double>(dataset.Queries.Count);
        foreach (var (queryId, text) in dataset.Queries)
        {
            var started = Stopwatch.GetTimestamp();
            var ranked = search(text);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var judged = dataset.Qrels[queryId];
            ndcg += RetrievalMetrics.NdcgAt(10, ranked, judged);
            recall10 += RetrievalMetrics.RecallAt(10, ranked, judged);
            recall100 += RetrievalMetrics.RecallAt(100, ranked, judged);
            mrr += RetrievalMetrics.ReciprocalRankAt(10, ranked, judged);
        }

        var n = Math.Max(1, dataset.Queries.Count);
        return new RetrievalReport(
            dataset.Queries.Count,
            dataset.Corpus.Count,
            ndcg / n,
            recall10 / n,
            recall100 / n,
            mrr / n,
            RetrievalMetrics.Percentile(latencies, 50),
            RetrievalMetrics.Percentile(latencies, 95),
            indexTime);
    }
}
