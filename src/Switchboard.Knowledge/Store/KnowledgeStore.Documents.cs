using System.Text;
using Microsoft.Data.Sqlite;

namespace Switchboard.Knowledge.Store;

internal sealed partial class KnowledgeStore
{
    private const string DocumentColumns = "id, tenant, collection_id, name, source_url, content_type, size, content_hash, tags, title, pages, chunks, "
        + "status, error, version, ready_version, attempts, uploaded_by, created_at, updated_at";

    /// <summary>
    /// Registers an upload of <paramref name="name"/> into a collection. Same name and same content → nothing to do
    /// (unless the last attempt failed); same name, new content → a new version is queued while the old one stays
    /// searchable. Returns the record and the content hash it replaced (so its file can be dropped once unused).
    /// </summary>
    public (DocumentRecord Document, UploadOutcome Outcome, string? ReplacedHash) RegisterUpload(CollectionRecord collection, string name,
        string contentHash, long size, string? contentType, IReadOnlyList<string> tags, string? sourceUrl, string? uploadedBy)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        var existing = ReadDocument(connection, "collection_id = $c AND name = $n", ("$c", collection.Id), ("$n", name));
        var now = Now;
        UploadOutcome outcome;
        string? replaced = null;
        string id;
        if (existing is null)
        {
            id = NewId("doc_");
            using var insert = Command(connection,
                $"INSERT INTO documents ({DocumentColumns}) VALUES ($id, $tenant, $c, $n, $url, $type, $size, $hash, $tags, NULL, NULL, 0, $status, NULL, 1, NULL, 0, $by, $now, $now);",
                ("$id", id), ("$tenant", collection.Tenant), ("$c", collection.Id), ("$n", name), ("$url", sourceUrl), ("$type", contentType),
                ("$size", size), ("$hash", contentHash), ("$tags", ToJson(tags)), ("$status", DocumentStatus.Queued), ("$by", uploadedBy), ("$now", now));
            insert.ExecuteNonQuery();
            outcome = UploadOutcome.Created;
        }
        else if (existing.ContentHash == contentHash && existing.Status != DocumentStatus.Failed)
        {
            id = existing.Id;
            using var retag = Command(connection, "UPDATE documents SET tags = $tags WHERE id = $id;", ("$id", id), ("$tags", ToJson(tags)));
            retag.ExecuteNonQuery();
            outcome = UploadOutcome.Unchanged;
        }
        else
        {
            id = existing.Id;
            replaced = existing.ContentHash == contentHash ? null : existing.ContentHash;
            using var update = Command(connection,
                "UPDATE documents SET version = version + 1, content_hash = $hash, size = $size, content_type = $type, tags = $tags, source_url = $url, "
                + "status = $status, error = NULL, attempts = 0, uploaded_by = $by, updated_at = $now WHERE id = $id;",
                ("$id", id), ("$hash", contentHash), ("$size", size), ("$type", contentType), ("$tags", ToJson(tags)), ("$url", sourceUrl),
                ("$status", DocumentStatus.Queued), ("$by", uploadedBy), ("$now", now));
            update.ExecuteNonQuery();
            outcome = UploadOutcome.Replaced;
        }

        var record = ReadDocument(connection, "id = $id", ("$id", id))!;
        transaction.Commit();
        return (record, outcome, replaced);
    }

    public DocumentRecord? GetDocument(string id)
    {
        using var connection = database.Open();
        return ReadDocument(connection, "id = $id", ("$id", id));
    }

    /// <summary>Queues the current version again (re-index); false when the document is gone.</summary>
    public bool Requeue(string id)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "UPDATE documents SET version = version + 1, status = $status, error = NULL, attempts = 0, updated_at = $now WHERE id = $id;",
            ("$id", id), ("$status", DocumentStatus.Queued), ("$now", Now));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Moves the job to <paramref name="status"/>; false when the document was deleted or replaced meanwhile.</summary>
    public bool SetStatus(string id, int version, string status, string? error = null)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "UPDATE documents SET status = $status, error = $error, updated_at = $now WHERE id = $id AND version = $version;",
            ("$id", id), ("$version", version), ("$status", status), ("$error", error), ("$now", Now));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Counts one more try of the current step (a crash loop ends as <c>failed</c> instead of retrying forever).</summary>
    public int CountAttempt(string id, int version)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE documents SET attempts = attempts + 1 WHERE id = $id AND version = $version RETURNING attempts;",
            ("$id", id), ("$version", version));
        return command.ExecuteScalar() is long attempts ? (int)attempts : 0;
    }

    /// <summary>Documents whose job has not finished, oldest first: the queue after a restart.</summary>
    public List<string> PendingDocuments()
    {
        using var connection = database.Open();
        using var command = Command(connection, "SELECT id FROM documents WHERE status NOT IN ('ready', 'failed') ORDER BY created_at;");
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>
    /// Makes <paramref name="version"/> the one searches see and deletes every other version's chunks in the same
    /// transaction. Returns the deleted chunk ids, or null when the document was deleted or re-uploaded meanwhile.
    /// </summary>
    public List<long>? MarkReady(string id, int version, int chunkCount)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        using var update = Command(connection,
            "UPDATE documents SET status = 'ready', error = NULL, ready_version = $version, chunks = $chunks, attempts = 0, updated_at = $now "
            + "WHERE id = $id AND version = $version;",
            ("$id", id), ("$version", version), ("$chunks", chunkCount), ("$now", Now));
        if (update.ExecuteNonQuery() != 1)
        {
            return null;
        }

        var old = ChunkIds(connection, "SELECT id FROM chunks WHERE document_id = $id AND version <> $version;", ("$id", id), ("$version", version));
        using var delete = Command(connection, "DELETE FROM chunks WHERE document_id = $id AND version <> $version;", ("$id", id), ("$version", version));
        delete.ExecuteNonQuery();
        transaction.Commit();
        return old;
    }

    /// <summary>Deletes the document and its chunks; returns it (for its file) and the chunk ids to drop from the indexes.</summary>
    public (DocumentRecord? Document, List<long> Chunks) DeleteDocument(string id)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        var document = ReadDocument(connection, "id = $id", ("$id", id));
        if (document is null)
        {
            return (null, []);
        }

        var chunks = ChunkIds(connection, "SELECT id FROM chunks WHERE document_id = $id;", ("$id", id));
        using var delete = Command(connection, "DELETE FROM documents WHERE id = $id;", ("$id", id));
        delete.ExecuteNonQuery();
        transaction.Commit();
        return (document, chunks);
    }

    /// <summary>Every document with a searchable version, by id (the index rebuild at start-up).</summary>
    public Dictionary<string, DocumentRecord> ReadyDocuments()
    {
        using var connection = database.Open();
        using var command = Command(connection, $"SELECT {DocumentColumns} FROM documents WHERE ready_version IS NOT NULL;");
        using var reader = command.ExecuteReader();
        var documents = new Dictionary<string, DocumentRecord>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var document = ReadDocument(reader);
            documents[document.Id] = document;
        }

        return documents;
    }

    /// <summary>Whether any document still points at the stored file with this hash.</summary>
    public bool IsFileReferenced(string contentHash)
    {
        using var connection = database.Open();
        using var command = Command(connection, "SELECT 1 FROM documents WHERE content_hash = $hash LIMIT 1;", ("$hash", contentHash));
        return command.ExecuteScalar() is not null;
    }

    public (List<DocumentRecord> Items, int Total) ListDocuments(DocumentQuery query)
    {
        var where = new StringBuilder("1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.CollectionIds is { } collections)
        {
            var names = collections.Select((c, i) => (Name: "$c" + i, Value: c)).ToList();
            where.Append(names.Count == 0 ? " AND 0 = 1" : $" AND collection_id IN ({string.Join(", ", names.Select(n => n.Name))})");
            parameters.AddRange(names.Select(n => (n.Name, (object?)n.Value)));
        }

        if (query.Status is { } status)
        {
            where.Append(" AND status = $status");
            parameters.Add(("$status", status));
        }

        if (query.Tag is { } tag)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM json_each(tags) WHERE value = $tag)");
            parameters.Add(("$tag", tag));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Append(" AND (instr(lower(name), lower($text)) > 0 OR instr(lower(coalesce(title, '')), lower($text)) > 0)");
            parameters.Add(("$text", query.Text.Trim()));
        }

        using var connection = database.Open();
        using var count = Command(connection, $"SELECT count(*) FROM documents WHERE {where};", [.. parameters]);
        var total = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        parameters.Add(("$limit", query.Limit));
        parameters.Add(("$offset", query.Offset));
        using var select = Command(connection,
            $"SELECT {DocumentColumns} FROM documents WHERE {where} ORDER BY created_at DESC, id DESC LIMIT $limit OFFSET $offset;", [.. parameters]);
        using var reader = select.ExecuteReader();
        var items = new List<DocumentRecord>();
        while (reader.Read())
        {
            items.Add(ReadDocument(reader));
        }

        return (items, total);
    }

    private static DocumentRecord? ReadDocument(SqliteConnection connection, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, $"SELECT {DocumentColumns} FROM documents WHERE {where};", parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadDocument(reader) : null;
    }

    private static DocumentRecord ReadDocument(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), NullableString(r, 4), NullableString(r, 5), r.GetInt64(6), r.GetString(7),
        FromJson(r.GetString(8)), NullableString(r, 9), NullableInt(r, 10), r.GetInt32(11), r.GetString(12), NullableString(r, 13), r.GetInt32(14),
        NullableInt(r, 15), r.GetInt32(16), NullableString(r, 17), Time(r.GetInt64(18)), Time(r.GetInt64(19)));
}
