using System.Collections.Concurrent;
using Switchboard.Knowledge.Vectors;

namespace Switchboard.Knowledge.Tests.Vectors;

/// <summary>What every <see cref="IVectorIndex"/> must do, run against each implementation.</summary>
public abstract class VectorIndexConformanceTests : IDisposable
{
    private const int Dimensions = 32;
    private readonly string _directory = Directory.CreateTempSubdirectory("sb-vectors-").FullName;

    /// <summary>Recall@10 an implementation must reach against the exact reference (1 for exact ones).</summary>
    protected abstract double MinimumRecall { get; }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Search_ClusteredData_MatchesExactReference(bool quantised)
    {
        var precision = quantised ? VectorPrecision.Int8 : VectorPrecision.Float32;
        var (all, allIds) = Data(3030, seed: 1);
        var (vectors, ids, queries) = (all[..3000], allIds[..3000], all[3000..]);
        using var index = Filled(precision, vectors, ids);

        var recall = queries.Average(q => RandomVectors.Overlap(RandomVectors.ExactTopK(vectors, ids, q, 10), index.Search(q, 10).Select(h => h.Id)));

        // int8 scoring reorders near-ties; the graph may miss a neighbour. Both must stay close to exact.
        Assert.True(recall >= (precision == VectorPrecision.Int8 ? Math.Min(MinimumRecall, 0.9) : MinimumRecall), $"recall@10 {recall:0.000}");
    }

    [Fact]
    public void Search_Float32_ScoresAreCosines()
    {
        var (vectors, ids) = Data(500, seed: 2);
        using var index = Filled(VectorPrecision.Float32, vectors, ids);
        var query = RandomVectors.Uniform(1, Dimensions, 5)[0];

        foreach (var hit in index.Search(query, 5))
        {
            Assert.Equal(RandomVectors.Dot(query, vectors[Array.IndexOf(ids, hit.Id)]), hit.Score, 1e-5);
        }
    }

    [Fact]
    public void Search_FilterAdmitsOnePercent_ReturnsKHitsThatAllPass()
    {
        var (vectors, ids) = Data(5000, seed: 3);
        using var index = Filled(VectorPrecision.Float32, vectors, ids);
        Func<long, bool> filter = id => id % 100 == 7;
        var query = vectors[42];

        var hits = index.Search(query, 10, filter);

        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.True(filter(h.Id)));
        Assert.Equal(RandomVectors.ExactTopK(vectors, ids, query, 10, filter), hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_FilterAdmitsAThird_HitsAllPassAndRecallHolds()
    {
        var (all, allIds) = Data(5020, seed: 4);
        var (vectors, ids, queries) = (all[..5000], allIds[..5000], all[5000..]);
        using var index = Filled(VectorPrecision.Float32, vectors, ids);
        Func<long, bool> filter = id => id % 3 == 0;

        var recall = queries.Average(q =>
        {
            var hits = index.Search(q, 10, filter);
            Assert.All(hits, h => Assert.True(filter(h.Id)));
            return RandomVectors.Overlap(RandomVectors.ExactTopK(vectors, ids, q, 10, filter), hits.Select(h => h.Id));
        });

        Assert.True(recall >= MinimumRecall, $"filtered recall@10 {recall:0.000}");
    }

    [Fact]
    public void Upsert_ExistingId_ReplacesItsVector()
    {
        var (vectors, ids) = Data(1000, seed: 5);
        using var index = Filled(VectorPrecision.Float32, vectors, ids);
        var replacement = RandomVectors.Uniform(1, Dimensions, 77)[0];

        index.Upsert(ids[10], replacement);

        Assert.Equal(1000, index.Count);
        var hit = index.Search(replacement, 1).Single();
        Assert.Equal(ids[10], hit.Id);
        Assert.Equal(1, hit.Score, 1e-5);
        Assert.DoesNotContain(index.Search(vectors[10], 10), h => h.Id == ids[10] && h.Score > 0.999f);
    }

    [Fact]
    public void Remove_RemovedIdsAreNeverReturnedAndTheRestStillAre()
    {
        var (vectors, ids) = Data(2000, seed: 6);
        using var index = Filled(VectorPrecision.Float32, vectors, ids);
        var removed = ids.Where((_, i) => i % 4 == 0).ToHashSet();

        foreach (var id in removed)
        {
            Assert.True(index.Remove(id));
        }

        Assert.False(index.Remove(removed.First()));
        Assert.False(index.Remove(-12345));
        Assert.Equal(1500, index.Count);
        Assert.False(index.Contains(removed.First()));
        var liveVectors = vectors.Where((_, i) => !removed.Contains(ids[i])).ToArray();
        var liveIds = ids.Where(id => !removed.Contains(id)).ToArray();
        var recall = vectors.Take(50).Average(q =>
        {
            var hits = index.Search(q, 10);
            Assert.DoesNotContain(hits, h => removed.Contains(h.Id));
            return RandomVectors.Overlap(RandomVectors.ExactTopK(liveVectors, liveIds, q, 10), hits.Select(h => h.Id));
        });
        Assert.True(recall >= MinimumRecall, $"recall@10 after removals {recall:0.000}");
    }

    [Fact]
    public void Search_EmptyIndexOrLargeK_ReturnsWhatThereIs()
    {
        using var index = Create(Dimensions, VectorPrecision.Float32);
        var query = RandomVectors.Uniform(1, Dimensions, 1)[0];
        Assert.Empty(index.Search(query, 10));

        var (vectors, ids) = Data(5, seed: 7);
        for (var i = 0; i < ids.Length; i++)
        {
            index.Upsert(ids[i], vectors[i]);
        }

        Assert.Equal(5, index.Search(query, 100).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SaveAndLoad_RoundTrip_GivesIdenticalResults(bool quantised)
    {
        var precision = quantised ? VectorPrecision.Int8 : VectorPrecision.Float32;
        var (vectors, ids) = Data(3000, seed: 8);
        using var index = Filled(precision, vectors, ids);
        index.Remove(ids[0]);
        index.Upsert(ids[1], vectors[2]);
        var path = Path.Combine(_directory, "index.bin");

        index.Save(path);
        using var loaded = Load(path);

        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.GetType(), loaded.GetType());
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
        foreach (var query in vectors.Take(20))
        {
            Assert.Equal(index.Search(query, 10), loaded.Search(query, 10));
            Assert.Equal(index.Search(query, 10, id => id % 2 == 0), loaded.Search(query, 10, id => id % 2 == 0));
        }
    }

    [Fact]
    public void UpsertOrSearch_WrongDimensions_ThrowsArgumentException()
    {
        using var index = Create(Dimensions, VectorPrecision.Float32);
        Assert.Throws<ArgumentException>(() => index.Upsert(1, new float[Dimensions + 1]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[Dimensions - 1], 10));
    }

    [Fact]
    public void Upsert_ZeroOrNaNVector_ThrowsArgumentException()
    {
        using var index = Create(Dimensions, VectorPrecision.Float32);
        Assert.Throws<ArgumentException>(() => index.Upsert(1, new float[Dimensions]));
        var nan = new float[Dimensions];
        nan[3] = float.NaN;
        Assert.Throws<ArgumentException>(() => index.Upsert(1, nan));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task ConcurrentSearchesAndWrites_NeverThrowOrReturnRemovedIds()
    {
        var (vectors, ids) = Data(2400, seed: 9);
        using var index = Filled(VectorPrecision.Float32, vectors[..2000], ids[..2000]);
        var removed = new ConcurrentDictionary<long, bool>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                index.Upsert(ids[2000 + i], vectors[2000 + i]);
                if (i % 2 == 0)
                {
                    index.Remove(ids[i]);
                    removed[ids[i]] = true;
                }
            }

            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var searches = 0;
            while (!stop.IsCancellationRequested || searches == 0)
            {
                var before = removed.Keys.ToHashSet();
                var hits = index.Search(vectors[(searches * 7 + r) % vectors.Length], 10, id => id % 5 != 1);
                Assert.DoesNotContain(hits, h => before.Contains(h.Id));
                Assert.DoesNotContain(hits, h => h.Id % 5 == 1);
                searches++;
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(2200, index.Count);
    }

    private protected abstract IVectorIndex Create(int dimensions, VectorPrecision precision);

    private protected abstract IVectorIndex Load(string path);

    private IVectorIndex Filled(VectorPrecision precision, float[][] vectors, long[] ids)
    {
        var index = Create(Dimensions, precision);
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Upsert(ids[i], vectors[i]);
        }

        return index;
    }

    /// <summary>
    /// Clustered vectors with sparse, non-sequential ids (so an id is never mistaken for a row number). Queries are
    /// taken from the tail of the same draw, so they come from the indexed distribution, as real queries do.
    /// </summary>
    private static (float[][] Vectors, long[] Ids) Data(int count, int seed) =>
        (RandomVectors.Clustered(count, Dimensions, 20, 0.6f, seed), [.. Enumerable.Range(0, count).Select(i => (i * 7919L) + 1_000_000_000_000L)]);
}
