using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Switchboard.Knowledge.Store;

/// <summary>
/// Reads and writes the knowledge database. Each method is one short transaction, so a crash between two calls
/// leaves the previous step's state intact. Thread-safe.
/// </summary>
internal sealed partial class KnowledgeStore(KnowledgeDatabase database, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewId(string prefix) => prefix + Guid.CreateVersion7().ToString("N");

    private static string ToJson(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, StoreJsonContext.Default.IReadOnlyListString);

    private static IReadOnlyList<string> FromJson(string json) => JsonSerializer.Deserialize(json, StoreJsonContext.Default.IReadOnlyListString) ?? [];

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? NullableInt(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
