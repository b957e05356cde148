using System.Runtime.InteropServices;
using Switchboard.Knowledge.Chunking;

namespace Switchboard.Knowledge.Store;

internal sealed partial class KnowledgeStore
{
    /// <summary>Joins a heading path into the stored section text.</summary>
    public const string SectionSeparator = " › ";

    /// <summary>
    /// Replaces the chunks of <paramref name="version"/> (a retried step starts clean) and moves the job to
    /// <paramref name="nextStatus"/>, in one transaction. False when the document was deleted or re-uploaded meanwhile.
    /// </summary>
    public bool SaveChunks(string id, int version, string title, int? pages, IReadOnlyList<DocumentChunk> chunks, string nextStatus)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        using var update = Command(connection,
            "UPDATE documents SET title = $title, pages = $pages, status = $status, error = NULL, attempts = 0, updated_at = $now WHERE id = $id AND version = $version;",
            ("$id", id), ("$version", version), ("$title", title), ("$pages", pages), ("$status", nextStatus), ("$now", Now));
        if (update.ExecuteNonQuery() != 1)
        {
            return false;
        }

        using (var delete = Command(connection, "DELETE FROM chunks WHERE document_id = $id AND version = $version;", ("$id", id), ("$version", version)))
        {
            delete.ExecuteNonQuery();
        }

        using var insert = Command(connection,
            "INSERT INTO chunks (document_id, version, ordinal, text, section, page_start, page_end, char_start, char_end, tokens) "
            + "VALUES ($id, $version, $ordinal, $text, $section, $ps, $pe, $cs, $ce, $tokens);",
            ("$id", id), ("$version", version), ("$ordinal", 0), ("$text", ""), ("$section", ""), ("$ps", null), ("$pe", null), ("$cs", 0), ("$ce", 0),
            ("$tokens", 0));
        foreach (var chunk in chunks)
        {
            insert.Parameters["$ordinal"].Value = chunk.Index;
            insert.Parameters["$text"].Value = chunk.Text;
            insert.Parameters["$section"].Value = string.Join(SectionSeparator, chunk.SectionPath);
            insert.Parameters["$ps"].Value = (object?)chunk.PageStart ?? DBNull.Value;
            insert.Parameters["$pe"].Value = (object?)chunk.PageEnd ?? DBNull.Value;
            insert.Parameters["$cs"].Value = chunk.CharStart;
            insert.Parameters["$ce"].Value = chunk.CharEnd;
            insert.Parameters["$tokens"].Value = chunk.Tokens;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return true;
    }

    /// <summary>The chunks of a version still lacking an embedding from <paramref name="model"/> (a resumed step skips done ones).</summary>
    public List<(long Id, string Text)> ChunksNeedingEmbedding(string id, int version, string model)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "SELECT c.id, coalesce(d.title || char(10), '') || CASE WHEN c.section <> '' THEN c.section || char(10) ELSE '' END || c.text "
            + "FROM chunks c JOIN documents d ON d.id = c.document_id "
            + "WHERE c.document_id = $id AND c.version = $version AND (c.embedding IS NULL OR c.embedding_model IS NOT $model) ORDER BY c.ordinal;",
            ("$id", id), ("$version", version), ("$model", model));
        using var reader = command.ExecuteReader();
        var list = new List<(long, string)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return list;
    }

    public void SaveEmbeddings(IReadOnlyList<(long Id, float[] Vector)> embeddings, string model)
    {
        using var connection = database.Open();
        using var transaction = WriteTransaction.Begin(connection);
        using var update = Command(connection, "UPDATE chunks SET embedding = $vector, embedding_model = $model WHERE id = $id;",
            ("$id", 0L), ("$vector", Array.Empty<byte>()), ("$model", model));
        foreach (var (id, vector) in embeddings)
        {
            update.Parameters["$id"].Value = id;
            update.Parameters["$vector"].Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
            update.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The chunks of one document version, as the indexes take them.</summary>
    public List<LiveChunk> ChunksOf(string id, int version, string? embeddingModel) =>
        ReadLive(embeddingModel, "WHERE c.document_id = $id AND c.version = $version", ("$id", id), ("$version", version));

    /// <summary>Every chunk searches should see (each document's ready version): the index rebuild at start-up.</summary>
    public List<LiveChunk> LiveChunks(string? embeddingModel) => ReadLive(embeddingModel, "WHERE c.version = d.ready_version");

    public Dictionary<long, ChunkRecord> GetChunks(IReadOnlyCollection<long> ids)
    {
        var result = new Dictionary<long, ChunkRecord>(ids.Count);
        if (ids.Count == 0)
        {
            return result;
        }

        using var connection = database.Open();
        using var command = Command(connection,
            $"SELECT id, document_id, version, ordinal, text, section, page_start, page_end, char_start, char_end, tokens FROM chunks WHERE id IN ({string.Join(',', ids)});");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var chunk = new ChunkRecord(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), NullableInt(reader, 6), NullableInt(reader, 7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10));
            result[chunk.Id] = chunk;
        }

        return result;
    }

    /// <summary>Embeddings are read only when they come from <paramref name="embeddingModel"/> (another model's vectors live in another space).</summary>
    private List<LiveChunk> ReadLive(string? embeddingModel, string where, params (string Name, object? Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = Command(connection,
            "SELECT c.id, c.document_id, d.collection_id, d.title, c.section, c.text, CASE WHEN c.embedding_model = $model THEN c.embedding END "
            + $"FROM chunks c JOIN documents d ON d.id = c.document_id {where} ORDER BY c.id;",
            [.. parameters, ("$model", embeddingModel)]);
        using var reader = command.ExecuteReader();
        var list = new List<LiveChunk>();
        while (reader.Read())
        {
            float[]? embedding = null;
            if (!reader.IsDBNull(6))
            {
                var bytes = (byte[])reader.GetValue(6);
                embedding = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            }

            list.Add(new LiveChunk(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3), reader.GetString(4),
                reader.GetString(5), embedding));
        }

        return list;
    }
}
