using Microsoft.Data.Sqlite;

namespace Switchboard.Knowledge.Store;

/// <summary>What the web application does with conversations: list and search them, rename, delete, rewind, rate answers.</summary>
internal sealed partial class KnowledgeStore
{
    /// <summary>
    /// The owner's conversations, most recently active first. <paramref name="text"/> (case-insensitive, any script)
    /// keeps those whose title or any message contains it.
    /// </summary>
    public List<ConversationRecord> ListConversations(string tenant, string owner, string? text = null, int limit = 200)
    {
        using var connection = database.Open();
        connection.CreateFunction("sb_lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
        var filter = string.IsNullOrWhiteSpace(text) ? "" : """
             AND (instr(sb_lower(title), $text) > 0
                  OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id AND instr(sb_lower(m.content), $text) > 0))
            """;
        using var command = Command(connection,
            "SELECT id, tenant, owner, title, collections, created_at, updated_at FROM conversations WHERE tenant = $tenant AND owner = $owner"
            + filter + " ORDER BY updated_at DESC, id DESC LIMIT $limit;",
            ("$tenant", tenant), ("$owner", owner), ("$text", text?.Trim().ToLowerInvariant()), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var list = new List<ConversationRecord>();
        while (reader.Read())
        {
            list.Add(new ConversationRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), FromJson(reader.GetString(4)),
                Time(reader.GetInt64(5)), Time(reader.GetInt64(6))));
        }

        return list;
    }

    public bool RenameConversation(string id, string title)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE conversations SET title = $title WHERE id = $id;", ("$id", id), ("$title", title));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Deletes the conversation with its messages (and their ratings).</summary>
    public bool DeleteConversation(string id)
    {
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM conversations WHERE id = $id;", ("$id", id));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Adds a message and returns its id; <paramref name="model"/> is the alias that wrote an answer.</summary>
    public long AppendMessage(string conversationId, string role, string content, string? citations, string? mode, string? model)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        var now = Now;
        using var insert = Command(connection, """
            INSERT INTO messages (conversation_id, role, content, citations, mode, model, created_at)
            VALUES ($id, $role, $content, $citations, $mode, $model, $now) RETURNING id;
            """,
            ("$id", conversationId), ("$role", role), ("$content", content), ("$citations", citations), ("$mode", mode), ("$model", model), ("$now", now));
        var id = (long)insert.ExecuteScalar()!;
        Touch(connection, conversationId, now);
        transaction.Commit();
        return id;
    }

    /// <summary>Records which alias wrote a message that was stored without it (answers written by <c>KnowledgeAnswers</c>).</summary>
    public void SetMessageModel(long messageId, string? model)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE messages SET model = $model WHERE id = $id;", ("$id", messageId), ("$model", model));
        command.ExecuteNonQuery();
    }

    /// <summary>The conversation's last <paramref name="limit"/> messages with model and rating, oldest first.</summary>
    public List<ConversationMessage> GetConversationMessages(string conversationId, int limit = 500)
    {
        using var connection = database.Open();
        using var command = Command(connection, """
            SELECT id, role, content, citations, mode, model, feedback, created_at
            FROM (SELECT * FROM messages WHERE conversation_id = $id ORDER BY id DESC LIMIT $limit) ORDER BY id;
            """, ("$id", conversationId), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var list = new List<ConversationMessage>();
        while (reader.Read())
        {
            list.Add(new ConversationMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4),
                NullableString(reader, 5), NullableInt(reader, 6), Time(reader.GetInt64(7))));
        }

        return list;
    }

    /// <summary>Deletes the message <paramref name="messageId"/> and every later one (edit-and-resend, regenerate). Returns how many went.</summary>
    public int DeleteMessagesFrom(string conversationId, long messageId)
    {
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM messages WHERE conversation_id = $conversation AND id >= $id;",
            ("$conversation", conversationId), ("$id", messageId));
        return command.ExecuteNonQuery();
    }

    /// <summary>Rates an assistant message of the conversation: 1, -1, or null to clear. False when there is no such message.</summary>
    public bool SetFeedback(string conversationId, long messageId, int? rating)
    {
        if (rating is not (null or 1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1, -1 or null.");
        }

        using var connection = database.Open();
        using var command = Command(connection, """
            UPDATE messages SET feedback = $rating, feedback_at = CASE WHEN $rating IS NULL THEN NULL ELSE $now END
            WHERE id = $id AND conversation_id = $conversation AND role = 'assistant';
            """, ("$id", messageId), ("$conversation", conversationId), ("$rating", rating), ("$now", Now));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Ratings of a tenant's answers per alias (null alias: answers stored before models were recorded), for analytics.</summary>
    public List<(string? Model, int Up, int Down)> FeedbackByModel(string tenant)
    {
        using var connection = database.Open();
        using var command = Command(connection, """
            SELECT m.model, SUM(m.feedback = 1), SUM(m.feedback = -1) FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE c.tenant = $tenant AND m.feedback IS NOT NULL GROUP BY m.model ORDER BY m.model;
            """, ("$tenant", tenant));
        using var reader = command.ExecuteReader();
        var list = new List<(string?, int, int)>();
        while (reader.Read())
        {
            list.Add((NullableString(reader, 0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return list;
    }

    private static void Touch(SqliteConnection connection, string conversationId, long now)
    {
        using var touch = Command(connection, "UPDATE conversations SET updated_at = $now WHERE id = $id;", ("$id", conversationId), ("$now", now));
        touch.ExecuteNonQuery();
    }
}
