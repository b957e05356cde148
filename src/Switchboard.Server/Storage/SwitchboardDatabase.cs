using Microsoft.Data.Sqlite;

namespace Switchboard.Server.Storage;

/// <summary>
/// The embedded SQLite database under the data directory (<c>switchboard.db</c>). Opens connections
/// and applies the schema; thread-safe (each caller gets its own connection).
/// </summary>
internal sealed class SwitchboardDatabase
{
    public const string FileName = "switchboard.db";

    private const int SchemaVersion = 2;

    private readonly string _connectionString;

    public SwitchboardDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
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
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";
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

        using var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        if (version < 1)
        {
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS api_keys (
                    id           TEXT PRIMARY KEY,
                    name         TEXT NOT NULL,
                    key_hash     TEXT NOT NULL UNIQUE,
                    key_prefix   TEXT NOT NULL,
                    models       TEXT NULL,
                    created_at   INTEGER NOT NULL,
                    expires_at   INTEGER NULL,
                    revoked_at   INTEGER NULL
                );
                """;
            command.ExecuteNonQuery();
        }

        if (version < 2)
        {
            // The key's routing preference (e.g. local-only), enforced on every request made with it.
            command.CommandText = "ALTER TABLE api_keys ADD COLUMN route TEXT NULL;";
            command.ExecuteNonQuery();
        }

        command.CommandText = $"PRAGMA user_version = {SchemaVersion};";
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
