using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

public sealed class Bm25IndexTests
{
    private static Bm25Index Tiny()
    {
        var index = new Bm25Index();
        index.Add("cats", "Cats", "Cats are small domestic animals that purr.");
        index.Add("dogs", "Dogs", "Dogs are loyal domestic animals that bark.");
        index.Add("gpu", "GPU inference", "Running language models on graphics cards.");
        index.Add("ru", "Книги", "Библиотека хранит много книг о кошках.");
        return index;
    }

    [Fact]
    public void Search_SpecificTerm_RanksTheMatchingDocumentFirst()
    {
        var hits = Tiny().Search("why do dogs bark", 10);
        Assert.Equal("dogs", hits[0].Id);
        Assert.DoesNotContain(hits, h => h.Id == "gpu");
    }

    [Fact]
    public void Search_InflectedQuery_MatchesThroughStemming()
    {
        Assert.Equal("gpu", Tiny().Search("run a model", 1).Single().Id);
        Assert.Equal("ru", Tiny().Search("книгой", 1).Single().Id);
    }

    [Fact]
    public void Search_RareTermOutweighsCommonTerm()
    {
        var hits = Tiny().Search("domestic purr", 10);
        Assert.Equal(["cats", "dogs"], hits.Select(h => h.Id));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void Search_TitleMatch_BeatsEqualBodyMatchWhenTitleWeighted()
    {
        var index = new Bm25Index(new Bm25Options { TitleWeight = 3 });
        index.Add("body", "Something else", "graphene sheets and other words here");
        index.Add("title", "Graphene", "sheets and other words here too");
        Assert.Equal("title", index.Search("graphene", 2)[0].Id);
    }

    [Fact]
    public void Search_NoMatchOrStopWordsOnly_ReturnsEmpty()
    {
        Assert.Empty(Tiny().Search("quantum chromodynamics", 10));
        Assert.Empty(Tiny().Search("the of and", 10));
        Assert.Empty(new Bm25Index().Search("anything", 10));
    }

    [Fact]
    public void Search_K_LimitsResults()
    {
        Assert.Single(Tiny().Search("domestic animals", 1));
    }

    [Fact]
    public void Add_DuplicateId_Throws()
    {
        var index = Tiny();
        Assert.Throws<ArgumentException>(() => index.Add("cats", null, "again"));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25Index(new Bm25Options { B = 2 }));
    }
}
