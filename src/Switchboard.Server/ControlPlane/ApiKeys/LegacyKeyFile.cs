using Microsoft.Data.Sqlite;

namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>
/// The old key store, <c>DATA/switchboard.db</c> (schema versions 1-2). Read once by <see cref="LegacyKeyImport"/>, then
/// marked imported (version 3) so later starts skip it; the file is never created or otherwise changed.
/// </summary>
internal static class LegacyKeyFile
{
    public const string FileName = "switchboard.db";
    public const int ImportedVersion = 3;

    /// <summary>The keys still to import, or null when there is no file or it was imported already.</summary>
    public static IReadOnlyList<LegacyKey>? ReadPending(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        using var connection = Open(path);
        if (Scalar(connection, "PRAGMA user_version;") >= ImportedVersion
            || Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'api_keys';") == 0)
        {
            return null;
        }

        var hasRoute = Scalar(connection, "SELECT count(*) FROM pragma_table_info('api_keys') WHERE name = 'route';") > 0;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, key_hash, key_prefix, models, created_at, expires_at, revoked_at, "
            + (hasRoute ? "route" : "NULL") + " FROM api_keys ORDER BY created_at, id";
        using var reader = command.ExecuteReader();
        var keys = new List<LegacyKey>();
        while (reader.Read())
        {
            keys.Add(new LegacyKey(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return keys;
    }

    public static void MarkImported(string dataDirectory)
    {
        using var connection = Open(Path.Combine(Path.GetFullPath(dataDirectory), FileName));
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {ImportedVersion};";
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
