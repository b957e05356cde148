using System.Diagnostics;
using Switchboard.Bench.Retrieval.Cli;
using Switchboard.Bench.Retrieval.Measurement;
using Switchboard.Knowledge.Vectors;

namespace Switchboard.Bench.Retrieval.Vectors;

/// <summary>
/// The <c>vectors</c> verb: the memory floor, then per data kind the flat index (f32, int8) against it and HNSW's
/// build time, recall@10 and speed at several efSearch values. Single-threaded queries throughout, like the floor.
/// </summary>
internal static class VectorBenchmark
{
    private const int K = 10;
    /// <summary>Warm-up calls and time: tiered JIT promotes hot methods after 30 calls and a short delay; time tier 1, not tier 0.</summary>
    private const int WarmupCalls = 50;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(0.5);

    public static void Run(VectorBenchSettings settings)
    {
        foreach (var kind in settings.DataKinds)
        {
            RunKind(kind, settings);
        }
    }

    private static void RunKind(string kind, VectorBenchSettings settings)
    {
        var all = VectorData.Generate(kind, settings.Count + settings.Queries, settings.Dimensions, settings.Seed);
        var (vectors, queries) = (all[..settings.Count], all[settings.Count..]);
        ResultLines.Say($"{kind}: {settings.Count:N0} × {settings.Dimensions} vectors, {settings.Queries} queries from the same distribution");
        // Measured right before the flat runs it is compared with: the neighbours' memory traffic changes by the minute.
        var floor = MemoryFloor.Measure((long)settings.Count * settings.Dimensions * sizeof(float), settings.FloorRuns);
        ResultLines.Say($"  memory floor: {floor.Bytes / 1e6:F1} MB in {floor.BestMilliseconds:F2} ms = {floor.GigabytesPerSecond:F1} GB/s (SIMD sum, 1 thread, best of {settings.FloorRuns}; median pass {floor.MedianMilliseconds:F2} ms)");
        ResultLines.Write($"{kind}_floor_bytes", floor.Bytes);
        ResultLines.Write($"{kind}_floor_ms", floor.BestMilliseconds);
        ResultLines.Write($"{kind}_floor_median_ms", floor.MedianMilliseconds);
        ResultLines.Write($"{kind}_floor_gbps", floor.GigabytesPerSecond);

        long[][] exact;
        double flatMean;
        using (var flat = Build(new FlatVectorIndex(settings.Dimensions), vectors, out var flatBuild))
        {
            exact = [.. queries.Select(q => Ids(flat.Search(q, K)))];
            var latencies = Measure(flat, queries, out _);
            flatMean = latencies.Mean;
            ResultLines.Say($"  flat f32: p50 {latencies.Percentile(50):F2} ms, p95 {latencies.Percentile(95):F2} ms, best {latencies.Percentile(0):F2} ms; best ÷ floor {latencies.Percentile(0) / floor.BestMilliseconds:F2}×, p50 ÷ median floor pass {latencies.Percentile(50) / floor.MedianMilliseconds:F2}×; {latencies.PerSecond:F0} QPS; insert {flatBuild.TotalSeconds:F1} s, {flat.AllocatedBytes / 1048576.0:F0} MiB");
            Write(kind, "flat_f32", latencies);
            ResultLines.Write($"{kind}_flat_f32_best_ms", latencies.Percentile(0));
            ResultLines.Write($"{kind}_flat_f32_floor_ratio", latencies.Percentile(0) / floor.BestMilliseconds);
            ResultLines.Write($"{kind}_flat_f32_median_floor_ratio", latencies.Percentile(50) / floor.MedianMilliseconds);
            ResultLines.Write($"{kind}_flat_f32_mib", flat.AllocatedBytes / 1048576.0);
        }

        using (var int8 = Build(new FlatVectorIndex(settings.Dimensions, VectorPrecision.Int8), vectors, out _))
        {
            var latencies = Measure(int8, queries, out var hits);
            var overlap = Recall(exact, hits);
            ResultLines.Say($"  flat int8: p50 {latencies.Percentile(50):F2} ms, p95 {latencies.Percentile(95):F2} ms, best {latencies.Percentile(0):F2} ms, {latencies.PerSecond:F0} QPS, top-10 overlap with f32 {overlap:F3}, {int8.AllocatedBytes / 1048576.0:F0} MiB");
            Write(kind, "flat_int8", latencies);
            ResultLines.Write($"{kind}_flat_int8_best_ms", latencies.Percentile(0));
            ResultLines.Write($"{kind}_flat_int8_overlap", overlap);
            ResultLines.Write($"{kind}_flat_int8_mib", int8.AllocatedBytes / 1048576.0);
        }

        ResultLines.Write($"{kind}_flat_qps", 1000 / flatMean);
        foreach (var precision in settings.HnswPrecisions)
        {
            RunHnsw(precision == VectorPrecision.Float32 ? kind : $"{kind}_int8", precision, settings, vectors, queries, exact, flatMean);
        }
    }

    private static void RunHnsw(string kind, VectorPrecision precision, VectorBenchSettings settings, float[][] vectors, float[][] queries, long[][] exact, double flatMean)
    {
        var options = new HnswOptions { M = settings.M, EfConstruction = settings.EfConstruction };
        using var hnsw = Build(new HnswVectorIndex(settings.Dimensions, precision, options, new Random(settings.Seed)), vectors, out var build);
        ResultLines.Say($"  hnsw {precision} (M {options.M}, efConstruction {options.EfConstruction}): built in {build.TotalSeconds:F1} s (1 thread), {hnsw.AllocatedBytes / 1048576.0:F0} MiB; brute force f32 {1000 / flatMean:F0} QPS");
        ResultLines.Write($"{kind}_hnsw_build_s", build.TotalSeconds);
        ResultLines.Write($"{kind}_hnsw_mib", hnsw.AllocatedBytes / 1048576.0);
        foreach (var ef in settings.EfSearch)
        {
            var latencies = new Latencies();
            var hits = new long[queries.Length][];
            WarmUp(q => hnsw.Search(q, K, null, ef), queries);
            for (var i = 0; i < queries.Length; i++)
            {
                hits[i] = Ids(latencies.Time(() => hnsw.Search(queries[i], K, null, ef)));
            }

            var recall = Recall(exact, hits);
            ResultLines.Say($"    efSearch {ef,4}: recall@10 {recall:F3}, p50 {latencies.Percentile(50):F3} ms, {latencies.PerSecond:F0} QPS ({latencies.PerSecond * flatMean / 1000:F0}× brute force)");
            Write(kind, $"hnsw_ef{ef}", latencies);
            ResultLines.Write($"{kind}_hnsw_ef{ef}_recall", recall);
        }

        MeasureFiltered(kind, hnsw, vectors, queries, share: 10);
        MeasureFiltered(kind, hnsw, vectors, queries, share: 100);
    }

    /// <summary>A filter admitting one id in <paramref name="share"/>: recall against the exact filtered top 10, and latency.</summary>
    private static void MeasureFiltered(string kind, HnswVectorIndex hnsw, float[][] vectors, float[][] queries, int share)
    {
        Func<long, bool> filter = id => id % share == 0;
        // The reference is exact f32, whatever the graph stores.
        using var exactIndex = new FlatVectorIndex(hnsw.Dimensions);
        for (var i = 0; i < vectors.Length; i += share)
        {
            exactIndex.Upsert(i, vectors[i]);
        }

        var exact = queries.Select(q => Ids(exactIndex.Search(q, K))).ToArray();
        WarmUp(q => hnsw.Search(q, K, filter), queries);
        var latencies = new Latencies();
        var hits = queries.Select(q => Ids(latencies.Time(() => hnsw.Search(q, K, filter)))).ToArray();
        var recall = Recall(exact, hits);
        ResultLines.Say($"    filter admitting 1/{share}: recall@10 {recall:F3}, p50 {latencies.Percentile(50):F3} ms, p95 {latencies.Percentile(95):F3} ms");
        Write(kind, $"hnsw_filter{share}", latencies);
        ResultLines.Write($"{kind}_hnsw_filter{share}_recall", recall);
    }

    private static T Build<T>(T index, float[][] vectors, out TimeSpan elapsed)
        where T : IVectorIndex
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Upsert(i, vectors[i]);
        }

        elapsed = Stopwatch.GetElapsedTime(started);
        return index;
    }

    private static Latencies Measure(FlatVectorIndex index, float[][] queries, out long[][] hits)
    {
        WarmUp(q => index.Search(q, K), queries);
        var latencies = new Latencies();
        hits = new long[queries.Length][];
        for (var i = 0; i < queries.Length; i++)
        {
            hits[i] = Ids(latencies.Time(() => index.Search(queries[i], K)));
        }

        return latencies;
    }

    private static void WarmUp(Func<float[], IReadOnlyList<VectorHit>> search, float[][] queries)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < WarmupCalls || Stopwatch.GetElapsedTime(started) < WarmupTime; i++)
        {
            search(queries[i % queries.Length]);
        }
    }

    private static void Write(string kind, string name, Latencies latencies)
    {
        ResultLines.Write($"{kind}_{name}_p50_ms", latencies.Percentile(50));
        ResultLines.Write($"{kind}_{name}_p95_ms", latencies.Percentile(95));
        ResultLines.Write($"{kind}_{name}_qps", latencies.PerSecond);
    }

    private static long[] Ids(IReadOnlyList<VectorHit> hits) => [.. hits.Select(h => h.Id)];

    private static double Recall(long[][] expected, long[][] actual) =>
        expected.Select((e, i) => e.Length == 0 ? 1 : (double)actual[i].Count(e.Contains) / e.Length).Average();
}
