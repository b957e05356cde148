using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

public sealed class Bm25LexicalIndexTests
{
    private const long Cats = 1, Dogs = 2, Gpu = 3, Russian = 4;

    private static Bm25LexicalIndex Tiny()
    {
        var index = new Bm25LexicalIndex();
        index.Upsert(Cats, new LexicalFields("Cats", null, "Cats are small domestic animals that purr."));
        index.Upsert(Dogs, new LexicalFields("Dogs", null, "Dogs are loyal domestic animals that bark."));
        index.Upsert(Gpu, new LexicalFields("GPU inference", "Hardware", "Running language models on graphics cards."));
        index.Upsert(Russian, new LexicalFields("Книги", null, "Библиотека хранит много книг о кошках."));
        return index;
    }

    [Fact]
    public void Search_SpecificTerm_RanksTheMatchingChunkFirst()
    {
        using var index = Tiny();
        var hits = index.Search("why do dogs bark", 10);
        Assert.Equal(Dogs, hits[0].Id);
        Assert.DoesNotContain(hits, h => h.Id == Gpu);
    }

    [Fact]
    public void Search_InflectedQuery_MatchesThroughStemming()
    {
        using var index = Tiny();
        Assert.Equal(Gpu, index.Search("run a model", 1).Single().Id);
        Assert.Equal(Russian, index.Search("книгой", 1).Single().Id);
    }

    [Fact]
    public void Search_RareTermOutweighsCommonTerm()
    {
        using var index = Tiny();
        var hits = index.Search("domestic purr", 10);
        Assert.Equal([Cats, Dogs], hits.Select(h => h.Id));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void Search_TitleMatch_BeatsEqualBodyMatchWhenTitleWeighted()
    {
        using var index = new Bm25LexicalIndex(new Bm25Options { TitleWeight = 3 });
        index.Upsert(1, new LexicalFields("Something else", null, "graphene sheets and other words here"));
        index.Upsert(2, new LexicalFields("Graphene", null, "sheets and other words here too"));
        Assert.Equal(2, index.Search("graphene", 2)[0].Id);
    }

    [Fact]
    public void Search_SectionWeight_DecidesBetweenSectionAndBodyMatch()
    {
        // Same lengths in every field, so only the weights differ between the two chunks.
        static Bm25LexicalIndex Build(double sectionWeight)
        {
            var index = new Bm25LexicalIndex(new Bm25Options { SectionWeight = sectionWeight });
            index.Upsert(1, new LexicalFields("Guide", "Installation", "graphene sheets and other words"));
            index.Upsert(2, new LexicalFields("Guide", "Graphene", "installation sheets and other words"));
            return index;
        }

        using var heavy = Build(sectionWeight: 3);
        using var light = Build(sectionWeight: 0.5);
        using var off = Build(sectionWeight: 0);

        Assert.Equal([2L, 1L], heavy.Search("graphene", 2).Select(h => h.Id));
        Assert.Equal([1L, 2L], light.Search("graphene", 2).Select(h => h.Id));
        Assert.Equal(1, off.Search("graphene", 2).Single().Id);
    }

    [Fact]
    public void Search_NoMatchOrStopWordsOnly_ReturnsEmpty()
    {
        using var index = Tiny();
        using var empty = new Bm25LexicalIndex();
        Assert.Empty(index.Search("quantum chromodynamics", 10));
        Assert.Empty(index.Search("the of and", 10));
        Assert.Empty(empty.Search("anything", 10));
    }

    [Fact]
    public void Search_K_LimitsResults()
    {
        using var index = Tiny();
        Assert.Single(index.Search("domestic animals", 1));
    }

    [Fact]
    public void Search_Filter_AppliesBeforeRanking()
    {
        using var index = new Bm25LexicalIndex();
        for (var i = 0; i < 500; i++)
        {
            index.Upsert(i, new LexicalFields(null, null, string.Join(' ', Enumerable.Repeat("kinase", 1 + (i % 7))) + " protein"));
        }

        var all = index.Search("kinase protein", 500);
        Func<long, bool> filter = id => id % 50 == 3;

        var hits = index.Search("kinase protein", 5, filter);

        Assert.Equal(5, hits.Count);
        Assert.All(hits, h => Assert.True(filter(h.Id)));
        Assert.Equal(all.Where(h => filter(h.Id)).Take(5), hits);
    }

    [Fact]
    public void UpsertAndRemove_ChangeWhatIsFound()
    {
        using var index = Tiny();
        index.Upsert(Cats, new LexicalFields("Lions", null, "Lions are large cats that roar."));
        Assert.Equal(4, index.Count);
        Assert.Empty(index.Search("purr", 10));
        Assert.Equal(Cats, index.Search("roar", 1).Single().Id);

        Assert.True(index.Remove(Dogs));
        Assert.False(index.Remove(Dogs));
        Assert.False(index.Contains(Dogs));
        Assert.Empty(index.Search("bark", 10));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25LexicalIndex(new Bm25Options { B = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25LexicalIndex(new Bm25Options { SectionWeight = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25LexicalIndex(new Bm25Options { Feedback = new Rm3Options { FeedbackTerms = 0 } }));
    }
}
