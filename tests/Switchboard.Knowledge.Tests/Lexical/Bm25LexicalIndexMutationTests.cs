using System.Collections.Concurrent;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

/// <summary>A mutated index must score exactly like one built from scratch over the same live chunks.</summary>
public sealed class Bm25LexicalIndexMutationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpsertsAndRemovals_ScoreLikeAFreshIndexOverTheLiveChunks(bool feedback)
    {
        var options = new Bm25Options { Feedback = feedback ? new Rm3Options() : null };
        var chunks = new RandomChunks(seed: 1);
        var random = new Random(2);
        var live = new Dictionary<long, LexicalFields>();
        using var mutated = new Bm25LexicalIndex(options);
        // Enough removals to pass the compaction threshold (1,024 dead slots and a quarter of all) at least once.
        for (var step = 0; step < 6000; step++)
        {
            var id = (long)random.Next(3000);
            if (random.Next(3) == 0)
            {
                Assert.Equal(live.Remove(id), mutated.Remove(id));
            }
            else
            {
                live[id] = chunks.Next();
                mutated.Upsert(id, live[id]);
            }
        }

        using var fresh = new Bm25LexicalIndex(options);
        foreach (var (id, fields) in live.OrderBy(p => p.Key))
        {
            fresh.Upsert(id, fields);
        }

        Assert.Equal(fresh.Count, mutated.Count);
        for (var q = 0; q < 200; q++)
        {
            var query = chunks.Query();
            var expected = fresh.Search(query, 20);
            var actual = mutated.Search(query, 20);
            Assert.Equal(expected.Select(h => h.Id), actual.Select(h => h.Id));
            Assert.Equal(expected.Select(h => h.Score), actual.Select(h => h.Score), (a, b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)));
        }
    }

    [Fact]
    public void Feedback_ExpandsTheQueryAndKeepsTheFilter()
    {
        var rm3 = new Bm25Options { Feedback = new Rm3Options { FeedbackChunks = 2, FeedbackTerms = 5 } };
        using var plain = new Bm25LexicalIndex();
        using var expanded = new Bm25LexicalIndex(rm3);
        foreach (var index in new[] { plain, expanded })
        {
            index.Upsert(1, new LexicalFields(null, null, "aspirin reduces platelet aggregation"));
            index.Upsert(2, new LexicalFields(null, null, "aspirin platelet aggregation study"));
            index.Upsert(3, new LexicalFields(null, null, "platelet aggregation inhibitors overview"));
            for (var i = 10; i < 60; i++)
            {
                index.Upsert(i, new LexicalFields(null, null, $"unrelated filler text number {i} about weather"));
            }
        }

        Assert.DoesNotContain(plain.Search("aspirin", 10), h => h.Id == 3);
        Assert.Contains(expanded.Search("aspirin", 10), h => h.Id == 3);
        Assert.All(expanded.Search("aspirin", 10, id => id != 1), h => Assert.NotEqual(1, h.Id));
    }

    [Fact]
    public async Task ConcurrentSearchesAndWrites_NeverThrowOrReturnRemovedChunks()
    {
        var chunks = new RandomChunks(seed: 3);
        using var index = new Bm25LexicalIndex();
        for (var id = 0; id < 2000; id++)
        {
            index.Upsert(id, chunks.Next());
        }

        var queries = Enumerable.Range(0, 50).Select(_ => chunks.Query()).ToArray();
        var extra = Enumerable.Range(0, 1500).Select(_ => chunks.Next()).ToArray();
        var removed = new ConcurrentDictionary<long, bool>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 1500; i++)
            {
                index.Upsert(2000 + i, extra[i]);
                index.Remove(i);
                removed[i] = true;
            }

            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            for (var n = r; !stop.IsCancellationRequested || n < 10; n++)
            {
                var gone = removed.Keys.ToHashSet();
                var hits = index.Search(queries[n % queries.Length], 10, id => id % 3 != 0);
                Assert.DoesNotContain(hits, h => gone.Contains(h.Id) || h.Id % 3 == 0);
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(2000, index.Count);
    }
}
