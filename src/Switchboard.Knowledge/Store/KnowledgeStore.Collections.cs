using Microsoft.Data.Sqlite;

namespace Switchboard.Knowledge.Store;

internal sealed partial class KnowledgeStore
{
    private const string CollectionColumns = "id, tenant, name, owner, groups, description, prompt_template, chat_model, strict, created_at";

    /// <summary>Creates the collection; returns null when the tenant already has one with that name.</summary>
    public CollectionRecord? CreateCollection(string tenant, string name, string owner, IReadOnlyList<string> groups, string? description = null,
        string? promptTemplate = null, string? chatModel = null, bool? strict = null)
    {
        var record = new CollectionRecord(NewId("col_"), tenant, name, owner, groups, description, promptTemplate, chatModel, strict, Time(Now));
        using var connection = database.Open();
        using var command = Command(connection,
            $"INSERT INTO collections ({CollectionColumns}) VALUES ($id, $tenant, $name, $owner, $groups, $description, $prompt, $model, $strict, $created) ON CONFLICT (tenant, name) DO NOTHING;",
            ("$id", record.Id), ("$tenant", tenant), ("$name", name), ("$owner", owner), ("$groups", ToJson(groups)), ("$description", description),
            ("$prompt", promptTemplate), ("$model", chatModel), ("$strict", strict), ("$created", record.CreatedAt.ToUnixTimeMilliseconds()));
        return command.ExecuteNonQuery() == 1 ? record : null;
    }

    public CollectionRecord? GetCollection(string tenant, string name)
    {
        using var connection = database.Open();
        using var command = Command(connection, $"SELECT {CollectionColumns} FROM collections WHERE tenant = $tenant AND name = $name;",
            ("$tenant", tenant), ("$name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadCollection(reader) : null;
    }

    public CollectionRecord? GetCollectionById(string id)
    {
        using var connection = database.Open();
        using var command = Command(connection, $"SELECT {CollectionColumns} FROM collections WHERE id = $id;", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadCollection(reader) : null;
    }

    /// <summary>Every collection of every tenant (the index keeps their ACL in memory).</summary>
    public List<CollectionRecord> ListCollections(string? tenant = null)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            $"SELECT {CollectionColumns} FROM collections WHERE $tenant IS NULL OR tenant = $tenant ORDER BY tenant, name;", ("$tenant", tenant));
        using var reader = command.ExecuteReader();
        var list = new List<CollectionRecord>();
        while (reader.Read())
        {
            list.Add(ReadCollection(reader));
        }

        return list;
    }

    public void UpdateCollection(CollectionRecord collection)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "UPDATE collections SET groups = $groups, description = $description, prompt_template = $prompt, chat_model = $model, strict = $strict WHERE id = $id;",
            ("$id", collection.Id), ("$groups", ToJson(collection.Groups)), ("$description", collection.Description), ("$prompt", collection.PromptTemplate),
            ("$model", collection.ChatModel), ("$strict", collection.Strict));
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes the collection with its documents and chunks; returns the chunk ids to drop from the indexes.</summary>
    public List<long> DeleteCollection(string id)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        var chunks = ChunkIds(connection, "SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.collection_id = $id;", ("$id", id));
        using var command = Command(connection, "DELETE FROM collections WHERE id = $id;", ("$id", id));
        command.ExecuteNonQuery();
        transaction.Commit();
        return chunks;
    }

    private static CollectionRecord ReadCollection(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), FromJson(r.GetString(4)), NullableString(r, 5), NullableString(r, 6),
        NullableString(r, 7), r.IsDBNull(8) ? null : r.GetInt32(8) != 0, Time(r.GetInt64(9)));

    private static List<long> ChunkIds(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
