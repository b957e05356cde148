using Microsoft.Data.Sqlite;

namespace Switchboard.Knowledge.Store;

/// <summary>
/// The knowledge base's embedded SQLite database (<c>knowledge/knowledge.db</c> under the data directory): the source
/// of truth for collections, documents with their job state, chunks with embeddings, and conversations. The in-memory
/// indexes are derived from it and rebuilt from it at start-up. Thread-safe (each caller opens its own connection).
/// </summary>
internal sealed class KnowledgeDatabase
{
    private const int SchemaVersion = 2;

    private readonly string _connectionString;

    public KnowledgeDatabase(string directory)
    {
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(Path.GetFullPath(directory), "knowledge.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Migrate(connection);
    }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static void Migrate(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version >= SchemaVersion)
        {
            return;
        }

        // Each step moves one version forward; all of them run in one transaction, so a database is never half-migrated.
        using var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        if (version < 1)
        {
            command.CommandText = V1;
            command.ExecuteNonQuery();
        }

        if (version < 2)
        {
            command.CommandText = V2;
            command.ExecuteNonQuery();
        }

        command.CommandText = $"PRAGMA user_version = {SchemaVersion};";
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private const string V1 = """
            CREATE TABLE collections (
                id              TEXT PRIMARY KEY,
                tenant          TEXT NOT NULL,
                name            TEXT NOT NULL,
                owner           TEXT NOT NULL,
                groups          TEXT NOT NULL,
                description     TEXT NULL,
                prompt_template TEXT NULL,
                chat_model      TEXT NULL,
                strict          INTEGER NULL,
                created_at      INTEGER NOT NULL,
                UNIQUE (tenant, name)
            );
            CREATE TABLE documents (
                id            TEXT PRIMARY KEY,
                tenant        TEXT NOT NULL,
                collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                name          TEXT NOT NULL,
                source_url    TEXT NULL,
                content_type  TEXT NULL,
                size          INTEGER NOT NULL,
                content_hash  TEXT NOT NULL,
                tags          TEXT NOT NULL,
                title         TEXT NULL,
                pages         INTEGER NULL,
                chunks        INTEGER NOT NULL DEFAULT 0,
                status        TEXT NOT NULL,
                error         TEXT NULL,
                version       INTEGER NOT NULL,
                ready_version INTEGER NULL,
                attempts      INTEGER NOT NULL DEFAULT 0,
                uploaded_by   TEXT NULL,
                created_at    INTEGER NOT NULL,
                updated_at    INTEGER NOT NULL,
                UNIQUE (collection_id, name)
            );
            CREATE INDEX documents_status ON documents (status);
            CREATE TABLE chunks (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                version         INTEGER NOT NULL,
                ordinal         INTEGER NOT NULL,
                text            TEXT NOT NULL,
                section         TEXT NOT NULL,
                page_start      INTEGER NULL,
                page_end        INTEGER NULL,
                char_start      INTEGER NOT NULL,
                char_end        INTEGER NOT NULL,
                tokens          INTEGER NOT NULL,
                embedding       BLOB NULL,
                embedding_model TEXT NULL,
                UNIQUE (document_id, version, ordinal)
            );
            CREATE TABLE conversations (
                id          TEXT PRIMARY KEY,
                tenant      TEXT NOT NULL,
                owner       TEXT NOT NULL,
                title       TEXT NOT NULL,
                collections TEXT NOT NULL,
                created_at  INTEGER NOT NULL,
                updated_at  INTEGER NOT NULL
            );
            CREATE TABLE messages (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                role            TEXT NOT NULL,
                content         TEXT NOT NULL,
                citations       TEXT NULL,
                mode            TEXT NULL,
                created_at      INTEGER NOT NULL
            );
            CREATE INDEX messages_conversation ON messages (conversation_id, id);
            """;

    /// <summary>The web application (docs/web.md): which alias wrote an answer, its asker's rating (1 or -1), conversation lists per owner.</summary>
    private const string V2 = """
        ALTER TABLE messages ADD COLUMN model TEXT NULL;
        ALTER TABLE messages ADD COLUMN feedback INTEGER NULL;
        ALTER TABLE messages ADD COLUMN feedback_at INTEGER NULL;
        CREATE INDEX conversations_owner ON conversations (tenant, owner, updated_at);
        """;
}
