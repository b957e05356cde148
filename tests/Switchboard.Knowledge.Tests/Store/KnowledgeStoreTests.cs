using Switchboard.Knowledge.Chunking;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Tests.Store;

public sealed class KnowledgeStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kb-store-").FullName;
    private readonly KnowledgeStore _store;
    private readonly CollectionRecord _collection;

    public KnowledgeStoreTests()
    {
        _store = new KnowledgeStore(new KnowledgeDatabase(_root), TimeProvider.System);
        _collection = _store.CreateCollection("t", "docs", "owner", [])!;
    }

    [Fact]
    public void RegisterUpload_SameContent_IsUnchanged_NewContent_IsANewVersion()
    {
        var (first, created, _) = _store.RegisterUpload(_collection, "a.md", new string('1', 64), 10, null, [], null, "owner");
        var (_, unchanged, _) = _store.RegisterUpload(_collection, "a.md", new string('1', 64), 10, null, ["tag"], null, "owner");
        var (second, replaced, replacedHash) = _store.RegisterUpload(_collection, "a.md", new string('2', 64), 12, null, [], null, "owner");

        Assert.Equal(UploadOutcome.Created, created);
        Assert.Equal(UploadOutcome.Unchanged, unchanged);
        Assert.Equal(UploadOutcome.Replaced, replaced);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Version);
        Assert.Equal(new string('1', 64), replacedHash);
    }

    [Fact]
    public void MarkReady_SwapsVersionsAndDeletesTheOldChunksInOneStep()
    {
        var (document, _, _) = _store.RegisterUpload(_collection, "a.md", new string('1', 64), 10, null, [], null, "owner");
        Assert.True(_store.SaveChunks(document.Id, 1, "A", null, [Chunk("old")], DocumentStatus.Indexing));
        var oldIds = _store.ChunksOf(document.Id, 1, null).Select(c => c.Id).ToList();
        Assert.Empty(_store.MarkReady(document.Id, 1, 1)!);
        _store.RegisterUpload(_collection, "a.md", new string('2', 64), 10, null, [], null, "owner");
        Assert.True(_store.SaveChunks(document.Id, 2, "A", null, [Chunk("new")], DocumentStatus.Indexing));

        Assert.Equal(oldIds, _store.LiveChunks(null).Select(c => c.Id));
        var removed = _store.MarkReady(document.Id, 2, 1);

        Assert.Equal(oldIds, removed);
        Assert.Equal("new", _store.LiveChunks(null).Single().Text);
    }

    [Fact]
    public void StaleVersion_CannotOverwriteANewerUpload()
    {
        var (document, _, _) = _store.RegisterUpload(_collection, "a.md", new string('1', 64), 10, null, [], null, "owner");
        _store.RegisterUpload(_collection, "a.md", new string('2', 64), 10, null, [], null, "owner");

        Assert.False(_store.SaveChunks(document.Id, 1, "A", null, [Chunk("stale")], DocumentStatus.Indexing));
        Assert.False(_store.SetStatus(document.Id, 1, DocumentStatus.Failed, "x"));
        Assert.Null(_store.MarkReady(document.Id, 1, 0));
        Assert.Equal([document.Id], _store.PendingDocuments());
    }

    [Fact]
    public void Embeddings_RoundTripAndOnlyMissingOnesAreAskedFor()
    {
        var (document, _, _) = _store.RegisterUpload(_collection, "a.md", new string('1', 64), 10, null, [], null, "owner");
        _store.SaveChunks(document.Id, 1, "A", null, [Chunk("one"), Chunk("two", 1)], DocumentStatus.Embedding);
        var pending = _store.ChunksNeedingEmbedding(document.Id, 1, "m");
        _store.SaveEmbeddings([(pending[0].Id, [0.5f, -1f])], "m");

        Assert.Single(_store.ChunksNeedingEmbedding(document.Id, 1, "m"));
        Assert.Equal(2, _store.ChunksNeedingEmbedding(document.Id, 1, "other-model").Count);
        Assert.Equal([0.5f, -1f], _store.ChunksOf(document.Id, 1, "m")[0].Embedding!);
        Assert.Null(_store.ChunksOf(document.Id, 1, "other-model")[0].Embedding);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static DocumentChunk Chunk(string text, int index = 0) => new(index, text, [], null, null, 0, text.Length, 1);
}
