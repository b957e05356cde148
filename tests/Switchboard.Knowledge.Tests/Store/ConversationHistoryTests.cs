using Microsoft.Data.Sqlite;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Tests.Store;

public sealed class ConversationHistoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kb-conversations-").FullName;
    private readonly SteppingClock _clock = new();
    private readonly KnowledgeStore _store;

    public ConversationHistoryTests()
    {
        _store = new KnowledgeStore(new KnowledgeDatabase(_root), _clock);
    }

    [Fact]
    public void ListConversations_OwnersOnly_MostRecentFirst_SearchesTitlesAndMessagesInAnyCase()
    {
        var first = _store.CreateConversation("t", "anna", "Отпуск летом", []);
        var second = _store.CreateConversation("t", "anna", "VPN setup", ["handbook"]);
        _store.CreateConversation("t", "boris", "Отпуск Бориса", []);
        _store.CreateConversation("other", "anna", "Отпуск elsewhere", []);
        _store.AppendMessage(first.Id, "user", "Сколько дней ОТПУСКА?", null, "chat", null);

        Assert.Equal([first.Id, second.Id], _store.ListConversations("t", "anna").Select(c => c.Id));
        Assert.Equal([first.Id], _store.ListConversations("t", "anna", "отпуск").Select(c => c.Id));
        Assert.Equal([first.Id], _store.ListConversations("t", "anna", "ДНЕЙ").Select(c => c.Id));
        Assert.Equal([second.Id], _store.ListConversations("t", "anna", "vpn").Select(c => c.Id));
        Assert.Empty(_store.ListConversations("t", "anna", "%"));
    }

    [Fact]
    public void AppendMessage_ReturnsIds_AndKeepsModelAndRating()
    {
        var conversation = _store.CreateConversation("t", "anna", "x", []);
        var question = _store.AppendMessage(conversation.Id, "user", "q", null, "chat", null);
        var answer = _store.AppendMessage(conversation.Id, "assistant", "a", null, "chat", "gpt");

        Assert.True(_store.SetFeedback(conversation.Id, answer, 1));
        Assert.False(_store.SetFeedback(conversation.Id, question, 1));
        Assert.False(_store.SetFeedback("conv_other", answer, -1));
        var messages = _store.GetConversationMessages(conversation.Id);

        Assert.Equal([question, answer], messages.Select(m => m.Id));
        Assert.Equal("gpt", messages[1].Model);
        Assert.Equal(1, messages[1].Feedback);
        Assert.Equal([("gpt", 1, 0)], _store.FeedbackByModel("t"));
        Assert.True(_store.SetFeedback(conversation.Id, answer, null));
        Assert.Empty(_store.FeedbackByModel("t"));
    }

    [Fact]
    public void DeleteMessagesFrom_RemovesThatMessageAndEveryLaterOne()
    {
        var conversation = _store.CreateConversation("t", "anna", "x", []);
        var kept = _store.AppendMessage(conversation.Id, "user", "1", null, "chat", null);
        _store.AppendMessage(conversation.Id, "assistant", "2", null, "chat", "m");
        var edited = _store.AppendMessage(conversation.Id, "user", "3", null, "chat", null);
        _store.AppendMessage(conversation.Id, "assistant", "4", null, "chat", "m");

        Assert.Equal(2, _store.DeleteMessagesFrom(conversation.Id, edited));
        Assert.Equal(["1", "2"], _store.GetConversationMessages(conversation.Id).Select(m => m.Content));
        Assert.Equal(kept, _store.GetConversationMessages(conversation.Id)[0].Id);
    }

    [Fact]
    public void RenameAndDelete_ChangeOnlyThatConversation()
    {
        var conversation = _store.CreateConversation("t", "anna", "old", []);
        _store.AppendMessage(conversation.Id, "user", "q", null, "chat", null);

        Assert.True(_store.RenameConversation(conversation.Id, "new"));
        Assert.Equal("new", _store.GetConversation(conversation.Id)!.Title);
        Assert.True(_store.DeleteConversation(conversation.Id));
        Assert.Null(_store.GetConversation(conversation.Id));
        Assert.Empty(_store.GetConversationMessages(conversation.Id));
    }

    [Fact]
    public void KnowledgeDatabase_Version1File_IsMigratedKeepingItsConversations()
    {
        var root = Path.Combine(_root, "v1");
        Directory.CreateDirectory(root);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(root, "knowledge.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The version-1 tables the migration changes, as version 1 created them, with a conversation in them.
            command.CommandText = """
                CREATE TABLE conversations (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, owner TEXT NOT NULL, title TEXT NOT NULL, collections TEXT NOT NULL,
                    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
                CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    role TEXT NOT NULL, content TEXT NOT NULL, citations TEXT NULL, mode TEXT NULL, created_at INTEGER NOT NULL);
                CREATE INDEX messages_conversation ON messages (conversation_id, id);
                INSERT INTO conversations VALUES ('conv_1', 't', 'anna', 'Old one', '[]', 1, 1);
                INSERT INTO messages (conversation_id, role, content, citations, mode, created_at) VALUES ('conv_1', 'assistant', 'kept', NULL, 'generated', 1);
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        var database = new KnowledgeDatabase(root);
        var store = new KnowledgeStore(database, _clock);
        var message = Assert.Single(store.GetConversationMessages("conv_1"));

        Assert.Equal("kept", message.Content);
        Assert.Null(message.Feedback);
        Assert.True(store.SetFeedback("conv_1", message.Id, -1));
        Assert.Equal("Old one", Assert.Single(store.ListConversations("t", "anna")).Title);
        using var check = database.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        Assert.Equal(2L, version.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Each reading is a millisecond later than the last, so "most recent" is unambiguous.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ms = 1_700_000_000_000;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Add(ref _ms, 1));
    }
}
