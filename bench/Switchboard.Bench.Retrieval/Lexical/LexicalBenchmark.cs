using System.Diagnostics;
using Switchboard.Bench.Retrieval.Cli;
using Switchboard.Bench.Retrieval.Measurement;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Bench.Retrieval.Lexical;

/// <summary>
/// The <c>lexical</c> verb: builds a <see cref="Bm25LexicalIndex"/> over synthetic chunks (upserts from several
/// threads, as ingestion workers would), then times single-threaded top-10 searches.
/// </summary>
internal static class LexicalBenchmark
{
    private const int K = 10;
    private const int Warmup = 50;

    public static void Run(int chunks, int vocabulary, double russianShare, int queries, int threads, int seed)
    {
        var corpus = new SyntheticCorpus(vocabulary, russianShare, seed);
        var managedBefore = ProcessMemory.ManagedMiB();
        using var index = new Bm25LexicalIndex();
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => index.Upsert(i, corpus.Chunk(i)));
        var build = Stopwatch.GetElapsedTime(started);
        var managed = ProcessMemory.ManagedMiB() - managedBefore;
        ResultLines.Say($"built {chunks:N0} chunks ({index.TermCount:N0} terms) in {build.TotalSeconds:F1} s with {threads} thread(s); managed heap +{managed:F0} MiB, index estimate {index.AllocatedBytes / 1048576.0:F0} MiB, RSS {ProcessMemory.ResidentMiB():F0} MiB");
        ResultLines.Write("lexical_chunks", chunks);
        ResultLines.Write("lexical_terms", index.TermCount);
        ResultLines.Write("lexical_build_s", build.TotalSeconds);
        ResultLines.Write("lexical_managed_mib", managed);
        ResultLines.Write("lexical_index_mib", index.AllocatedBytes / 1048576.0);
        ResultLines.Write("lexical_rss_mib", ProcessMemory.ResidentMiB());

        var random = new Random(seed + 1);
        var texts = Enumerable.Range(0, queries + Warmup).Select(_ => corpus.Query(random)).ToArray();
        // Tiered JIT promotes hot methods after 30 calls and a short delay: time optimised code, not tier 0.
        var warming = Stopwatch.GetTimestamp();
        for (var i = 0; i < Warmup || Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(0.5); i++)
        {
            index.Search(texts[i % Warmup], K, i % 2 == 0 ? null : id => id % 100 == 0);
        }

        var latencies = new Latencies();
        var found = 0L;
        foreach (var text in texts.Skip(Warmup))
        {
            found += latencies.Time(() => index.Search(text, K)).Count;
        }

        ResultLines.Say($"{queries} queries of 2–8 words, top {K}: p50 {latencies.Percentile(50):F2} ms, p95 {latencies.Percentile(95):F2} ms, p99 {latencies.Percentile(99):F2} ms, mean {latencies.Mean:F2} ms ({found / (double)queries:F1} hits per query)");
        ResultLines.Write("lexical_p50_ms", latencies.Percentile(50));
        ResultLines.Write("lexical_p95_ms", latencies.Percentile(95));
        ResultLines.Write("lexical_p99_ms", latencies.Percentile(99));
        ResultLines.Write("lexical_mean_ms", latencies.Mean);

        var filtered = new Latencies();
        foreach (var text in texts.Skip(Warmup))
        {
            filtered.Time(() => index.Search(text, K, id => id % 100 == 0));
        }

        ResultLines.Say($"same queries with a filter admitting 1 % of chunks: p50 {filtered.Percentile(50):F2} ms, p95 {filtered.Percentile(95):F2} ms");
        ResultLines.Write("lexical_filter1_p50_ms", filtered.Percentile(50));
        ResultLines.Write("lexical_filter1_p95_ms", filtered.Percentile(95));
        MeasureRemovals(index, chunks);
    }

    /// <summary>Removes 30 % of the chunks one by one: the typical removal, and the one that compacts the postings.</summary>
    private static void MeasureRemovals(Bm25LexicalIndex index, int chunks)
    {
        var removals = new Latencies();
        for (var id = 0; id < chunks * 3 / 10; id++)
        {
            removals.Time(() => index.Remove(id));
        }

        ResultLines.Say($"removed {removals.Count:N0} chunks: p50 {removals.Percentile(50) * 1000:F1} µs per removal, slowest {removals.Percentile(100):F1} ms (a compaction); {removals.Mean * removals.Count / 1000:F2} s in all");
        ResultLines.Write("lexical_remove_p50_us", removals.Percentile(50) * 1000);
        ResultLines.Write("lexical_remove_max_ms", removals.Percentile(100));
    }
}
