using Microsoft.Data.Sqlite;
using Switchboard.Server.Storage;

namespace Switchboard.Server.Keys;

/// <summary>
/// API keys in the embedded database. Used by the <c>keys</c> CLI verbs and by the in-memory cache the
/// gateway authenticates against; a key created or revoked by another process reaches a running server
/// through <see cref="DataVersion"/>. Thread-safe.
/// </summary>
internal sealed class ApiKeyStore(SwitchboardDatabase database, TimeProvider time)
{
    /// <summary>Stores a new key and returns it; the plaintext key exists only in the return value.</summary>
    public (ApiKeyRecord Record, string Key) Create(string name, IReadOnlyList<string>? models, DateTimeOffset? expiresAt, string? route = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = ApiKeySecrets.NewKey();
        var record = new ApiKeyRecord(ApiKeySecrets.NewId(), name, ApiKeySecrets.Hash(key), ApiKeySecrets.DisplayPrefix(key),
            models is { Count: > 0 } ? models : null, time.GetUtcNow(), expiresAt, null, route);

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (id, name, key_hash, key_prefix, models, created_at, expires_at, route)
            VALUES ($id, $name, $hash, $prefix, $models, $created, $expires, $route)
            """;
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$name", record.Name);
        command.Parameters.AddWithValue("$hash", record.KeyHash);
        command.Parameters.AddWithValue("$prefix", record.KeyPrefix);
        command.Parameters.AddWithValue("$models", record.Models is null ? DBNull.Value : string.Join(',', record.Models));
        command.Parameters.AddWithValue("$created", record.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$expires", (object?)record.ExpiresAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$route", (object?)record.Route ?? DBNull.Value);
        command.ExecuteNonQuery();
        return (record, key);
    }

    public IReadOnlyList<ApiKeyRecord> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, key_hash, key_prefix, models, created_at, expires_at, revoked_at, route FROM api_keys ORDER BY created_at, id";
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKeyRecord>();
        while (reader.Read())
        {
            keys.Add(new ApiKeyRecord(
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

    /// <summary>Revokes the key with this id, or the only key with this name. Returns the revoked key, or why none was.</summary>
    public (ApiKeyRecord? Revoked, string? Problem) Revoke(string idOrName)
    {
        var matches = List().Where(k => k.Id == idOrName || k.Name == idOrName).ToList();
        if (matches.Count == 0)
        {
            return (null, $"no key has the id or name '{idOrName}'");
        }

        if (matches.Count > 1 && !matches.Exists(k => k.Id == idOrName))
        {
            return (null, $"{matches.Count} keys are named '{idOrName}'; revoke by id ({string.Join(", ", matches.Select(k => k.Id))})");
        }

        var target = matches.Find(k => k.Id == idOrName) ?? matches[0];
        if (target.RevokedAt is not null)
        {
            return (target, null);
        }

        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", target.Id);
        command.ExecuteNonQuery();
        return (target with { RevokedAt = now }, null);
    }

    /// <summary>A number that changes whenever any connection (any process) commits to the database.</summary>
    public static long DataVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }
}
