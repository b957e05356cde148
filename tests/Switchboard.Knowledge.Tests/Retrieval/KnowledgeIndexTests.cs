using Switchboard.Knowledge.Lexical;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;
using Switchboard.Knowledge.Vectors;

namespace Switchboard.Knowledge.Tests.Retrieval;

public sealed class KnowledgeIndexTests
{
    private static readonly HashSet<string> Collection = ["col"];

    [Fact]
    public void Add_BeforePublish_IsInvisible_PublishMakesTheVersionVisibleAtOnce()
    {
        using var index = NewIndex();
        index.Add([Chunk(1, "doc", "alpha beta")], version: 1);

        Assert.Empty(index.Lexical.Search("alpha", 10, index.Filter(Collection)));

        index.Publish(Document("doc", readyVersion: 1));

        Assert.Single(index.Lexical.Search("alpha", 10, index.Filter(Collection)));
    }

    [Fact]
    public void NewVersion_StaysHiddenUntilPublished_ThenHidesTheOldOne()
    {
        using var index = NewIndex();
        index.Add([Chunk(1, "doc", "old text about gamma")], version: 1);
        index.Publish(Document("doc", readyVersion: 1));
        index.Add([Chunk(2, "doc", "new text about gamma")], version: 2);

        Assert.Equal([1L], index.Lexical.Search("gamma", 10, index.Filter(Collection)).Select(h => h.Id));

        index.Publish(Document("doc", readyVersion: 2));

        Assert.Equal([2L], index.Lexical.Search("gamma", 10, index.Filter(Collection)).Select(h => h.Id));
    }

    [Fact]
    public void Filter_OtherCollectionOrTag_IsExcludedBeforeRanking()
    {
        using var index = NewIndex();
        index.Add([Chunk(1, "a", "delta delta delta")], 1);
        index.Add([Chunk(2, "b", "delta")], 1);
        index.Publish(Document("a", 1, collection: "secret"));
        index.Publish(Document("b", 1, tags: ["hr"]));

        var hits = index.Lexical.Search("delta", 1, index.Filter(Collection, tags: new HashSet<string> { "hr" }));

        Assert.Equal([2L], hits.Select(h => h.Id));
    }

    [Fact]
    public void Vectors_AreCreatedAtTheFirstEmbedding_AndFollowTheSameVisibility()
    {
        using var index = NewIndex();
        Assert.Null(index.Vectors);
        index.Add([Chunk(1, "doc", "x", [1, 0, 0]), Chunk(2, "doc", "y", [0, 1, 0])], 1);
        index.Publish(Document("doc", 1));

        var hits = index.Vectors!.Search([0.9f, 0.1f, 0], 1, index.Filter(Collection));

        Assert.Equal(1, hits[0].Id);
        index.RemoveDocument("doc", [1, 2]);
        Assert.Empty(index.Vectors.Search([1, 0, 0], 5, index.Filter(Collection)));
    }

    private static KnowledgeIndex NewIndex() => new(new Bm25LexicalIndex(), dims => new FlatVectorIndex(dims));

    private static LiveChunk Chunk(long id, string document, string text, float[]? embedding = null) =>
        new(id, document, "col", null, "", text, embedding);

    private static IndexedDocument Document(string id, int readyVersion, string collection = "col", string[]? tags = null) =>
        new(id, collection, id + ".md", null, readyVersion, new HashSet<string>(tags ?? []));
}
