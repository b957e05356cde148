using Switchboard.Knowledge.Vectors;

namespace Switchboard.Knowledge.Tests.Vectors;

public sealed class AdaptiveVectorIndexTests : VectorIndexConformanceTests
{
    protected override double MinimumRecall => 0.95;

    [Fact]
    public void Upsert_CrossingTheThreshold_SwitchesToTheGraph()
    {
        using var index = new AdaptiveVectorIndex(16, options: Options(threshold: 500, background: false));
        var vectors = RandomVectors.Uniform(600, 16, seed: 31);
        for (var i = 0; i < 499; i++)
        {
            index.Upsert(i, vectors[i]);
        }

        Assert.False(index.UsesGraph);
        index.Upsert(499, vectors[499]);
        Assert.True(index.UsesGraph);
        Assert.Equal(500, index.Count);
        Assert.Equal(499, index.Search(vectors[499], 1).Single().Id);
    }

    [Fact]
    public async Task BackgroundBuild_WritesDuringTheBuild_AreReplayedOntoTheGraph()
    {
        using var index = new AdaptiveVectorIndex(16, options: Options(threshold: 2000, background: true));
        var vectors = RandomVectors.Uniform(3000, 16, seed: 32);
        for (var i = 0; i < 2000; i++)
        {
            index.Upsert(i, vectors[i]);
        }

        // The build has started on a snapshot of 2,000; these land in the flat index and the replay log.
        for (var i = 2000; i < 3000; i++)
        {
            index.Upsert(i, vectors[i]);
            index.Remove(i - 2000);
        }

        await index.WhenBuilt;

        Assert.True(index.UsesGraph);
        Assert.Equal(2000, index.Count);
        Assert.True(index.Contains(2999));
        Assert.False(index.Contains(999));
        Assert.Equal(2999, index.Search(vectors[2999], 1).Single().Id);
        Assert.DoesNotContain(index.Search(vectors[10], 10), h => h.Id < 1000);
    }

    [Fact]
    public async Task ConcurrentSearchesDuringABackgroundBuild_SeeEveryCompletedWrite()
    {
        using var index = new AdaptiveVectorIndex(16, options: Options(threshold: 1401, background: true));
        var vectors = RandomVectors.Uniform(2000, 16, seed: 34);
        for (var i = 0; i < 1400; i++)
        {
            index.Upsert(i, vectors[i]);
        }

        var removed = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        var written = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 1400; i < 2000; i++)
            {
                index.Upsert(i, vectors[i]);
                written[i] = true;
                index.Remove(i - 1400);
                removed[i - 1400] = true;
            }

            stop.Cancel();
        });
        var reader = Task.Run(() =>
        {
            for (var n = 0; !stop.IsCancellationRequested || n == 0; n++)
            {
                var (gone, added) = (removed.Keys.ToHashSet(), written.Keys.ToArray());
                var probe = added.Length > 0 ? added[n % added.Length] : 1399;
                var hits = index.Search(vectors[probe], 10);
                Assert.DoesNotContain(hits, h => gone.Contains(h.Id));
                Assert.Equal(probe, hits[0].Id);
            }
        });

        await Task.WhenAll(writer, reader);
        await index.WhenBuilt;

        Assert.True(index.UsesGraph);
        Assert.Equal(1400, index.Count);
        Assert.DoesNotContain(index.Search(vectors[5], 10), h => h.Id < 600);
    }

    [Fact]
    public void Remove_ManyFromTheGraph_RebuildsWithoutTombstones()
    {
        using var index = new AdaptiveVectorIndex(16, options: Options(threshold: 100, background: false) with { RebuildTombstoneFraction = 0.5 });
        var vectors = RandomVectors.Uniform(4000, 16, seed: 33);
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Upsert(i, vectors[i]);
        }

        for (var i = 0; i < 1500; i++)
        {
            index.Remove(i);
        }

        Assert.Equal(2500, index.Count);
        Assert.Equal(1600, index.Search(vectors[1600], 1).Single().Id);
    }

    private protected override IVectorIndex Create(int dimensions, VectorPrecision precision) =>
        new AdaptiveVectorIndex(dimensions, precision, Options(threshold: 1000, background: false), new Random(1));

    private protected override IVectorIndex Load(string path) => AdaptiveVectorIndex.Load(path);

    private static AdaptiveVectorIndexOptions Options(int threshold, bool background) => new()
    {
        HnswThreshold = threshold,
        BuildInBackground = background,
        Hnsw = new HnswOptions { EfConstruction = 100 },
    };
}
