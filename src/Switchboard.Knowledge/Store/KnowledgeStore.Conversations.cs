namespace Switchboard.Knowledge.Store;

internal sealed partial class KnowledgeStore
{
    public ConversationRecord CreateConversation(string tenant, string owner, string title, IReadOnlyList<string> collections)
    {
        var now = Now;
        var record = new ConversationRecord(NewId("conv_"), tenant, owner, title, collections, Time(now), Time(now));
        using var connection = database.Open();
        using var command = Command(connection,
            "INSERT INTO conversations (id, tenant, owner, title, collections, created_at, updated_at) VALUES ($id, $tenant, $owner, $title, $collections, $now, $now);",
            ("$id", record.Id), ("$tenant", tenant), ("$owner", owner), ("$title", title), ("$collections", ToJson(collections)), ("$now", now));
        command.ExecuteNonQuery();
        return record;
    }

    public ConversationRecord? GetConversation(string id)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "SELECT id, tenant, owner, title, collections, created_at, updated_at FROM conversations WHERE id = $id;", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ConversationRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), FromJson(reader.GetString(4)),
                Time(reader.GetInt64(5)), Time(reader.GetInt64(6)))
            : null;
    }

    public void AddMessage(string conversationId, string role, string content, string? citations = null, string? mode = null)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        var now = Now;
        using var insert = Command(connection,
            "INSERT INTO messages (conversation_id, role, content, citations, mode, created_at) VALUES ($id, $role, $content, $citations, $mode, $now);",
            ("$id", conversationId), ("$role", role), ("$content", content), ("$citations", citations), ("$mode", mode), ("$now", now));
        insert.ExecuteNonQuery();
        using var touch = Command(connection, "UPDATE conversations SET updated_at = $now WHERE id = $id;", ("$id", conversationId), ("$now", now));
        touch.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>The conversation's last <paramref name="limit"/> messages, oldest first.</summary>
    public List<MessageRecord> GetMessages(string conversationId, int limit = 100)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "SELECT id, role, content, citations, mode, created_at FROM (SELECT * FROM messages WHERE conversation_id = $id ORDER BY id DESC LIMIT $limit) ORDER BY id;",
            ("$id", conversationId), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var list = new List<MessageRecord>();
        while (reader.Read())
        {
            list.Add(new MessageRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4),
                Time(reader.GetInt64(5))));
        }

        return list;
    }
}
