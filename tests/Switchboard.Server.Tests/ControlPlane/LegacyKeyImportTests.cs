using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>Keys issued before tenants (<c>switchboard.db</c>) move into the control plane once, by hash, and keep working.</summary>
public sealed class LegacyKeyImportTests
{
    [Fact]
    public async Task Start_WithTheOldKeyTable_ImportsEveryKeyOnce_AndIssuedKeysKeepWorking()
    {
        var root = Directory.CreateTempSubdirectory("sb-legacy-").FullName;
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var active = ApiKeySecrets.NewKey();
        var revoked = ApiKeySecrets.NewKey();
        var clinic = ApiKeySecrets.NewKey();
        WriteLegacyDatabase(data, (active, "active", null, null, null), (revoked, "gone", null, 1_700_000_000_000, null), (clinic, "clinic", "gpt-test", null, "local-only"));
        await using var stub = await StubUpstream.StartAsync();
        var config = GatewayServer.Config(stub, """
            [ { "alias": "gpt-test", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "other", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] } ]
            """);

        await using (var server = await GatewayServer.StartAsync(config, root: root, keepRoot: true))
        {
            using var activeClient = server.ClientWithKey(active);
            using var revokedClient = server.ClientWithKey(revoked);
            using var clinicClient = server.ClientWithKey(clinic);
            var activeModels = await activeClient.GetFromJsonAsync<JsonObject>("v1/models");
            using var refused = await revokedClient.GetAsync("v1/models");
            var clinicModels = await clinicClient.GetFromJsonAsync<JsonObject>("v1/models");
            var clinicCaller = server.App.Services.GetRequiredService<IdentityDirectory>().Authenticate(clinic, IPAddress.Loopback, out _)!;
            await server.App.Services.GetRequiredService<AuditLog>().FlushAsync(default);
            var imported = (await server.Http.GetFromJsonAsync<JsonObject>($"api/v1/admin/audit?action={AuditActions.KeyImported}"))!["entries"]!.AsArray();

            Assert.Equal(["gpt-test", "other"], activeModels!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(["gpt-test"], clinicModels!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            Assert.Equal(("local-only", "member", "default"), (clinicCaller.Gateway.Route, clinicCaller.Gateway.Role, clinicCaller.TenantSlug));
            Assert.Equal(3, imported.Count);
        }

        await using (var again = await GatewayServer.StartAsync(config, root: root))
        {
            using var activeClient = again.ClientWithKey(active);
            using var response = await activeClient.GetAsync("v1/models");
            await using var db = again.App.Services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContext();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(3, await db.ApiKeys.CountAsync());
            Assert.Equal(["migrated-keys"], await db.ServiceAccounts.Select(s => s.Name).ToListAsync());
            Assert.Equal(LegacyKeyFile.ImportedVersion, UserVersion(data));
        }
    }

    private static void WriteLegacyDatabase(string data, params (string Key, string Name, string? Models, long? RevokedAt, string? Route)[] keys)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, LegacyKeyFile.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, key_prefix TEXT NOT NULL,
                models TEXT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NULL, revoked_at INTEGER NULL, route TEXT NULL);
            PRAGMA user_version = 2;
            """;
        command.ExecuteNonQuery();
        foreach (var (key, name, models, revokedAt, route) in keys)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO api_keys VALUES ($id, $name, $hash, $prefix, $models, 1700000000000, NULL, $revoked, $route)";
            insert.Parameters.AddWithValue("$id", "key_" + name);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$hash", ApiKeySecrets.Hash(key));
            insert.Parameters.AddWithValue("$prefix", ApiKeySecrets.DisplayPrefix(key));
            insert.Parameters.AddWithValue("$models", (object?)models ?? DBNull.Value);
            insert.Parameters.AddWithValue("$revoked", (object?)revokedAt ?? DBNull.Value);
            insert.Parameters.AddWithValue("$route", (object?)route ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
    }

    private static long UserVersion(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, LegacyKeyFile.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }
}
