using System.Diagnostics;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Evaluation;

/// <summary>Indexes a BEIR corpus lexically, runs every judged query and averages the metrics. Single-threaded so latencies are per query.</summary>
internal static class RetrievalEvaluator
{
    /// <summary>Deepest cut-off any metric reads.</summary>
    private const int Depth = 100;

    public static RetrievalReport EvaluateLexical(BeirDataset dataset, Bm25Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var indexing = Stopwatch.StartNew();
        var index = new Bm25Index(options);
        foreach (var document in dataset.Corpus)
        {
            index.Add(document.Id, document.Title, document.Text);
        }

        indexing.Stop();
        return Evaluate(dataset, query => index.Search(query, Depth), indexing.Elapsed);
    }

    public static RetrievalReport Evaluate(BeirDataset dataset, Func<string, IReadOnlyList<SearchHit>> search, TimeSpan indexTime)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(search);
        double ndcg = 0, recall10 = 0, recall100 = 0, mrr = 0;
        var latencies = new List<double>(dataset.Queries.Count);
        foreach (var (queryId, text) in dataset.Queries)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = search(text);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var ranked = hits.Select(h => h.Id).ToArray();
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
