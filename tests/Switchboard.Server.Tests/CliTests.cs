using System.Net;
using Microsoft.Data.Sqlite;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class CliTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task KeysCreate_PrintsKeyOnceAndStoresOnlyItsHash()
    {
        var data = Directory.CreateTempSubdirectory("switchboard-cli-").FullName;

        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("keys", "create", "--name", "ci-bot", "--models", "gpt-test,embed", "--expires", "30d", "--data", data);

        Assert.Equal(0, exit);
        var key = stdout.Trim();
        Assert.Matches("^sb-[A-Za-z0-9_-]{43}$", key); // 32 random bytes, base64url
        Assert.Contains("shown only now", stderr, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "control.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name || key_hash || key_prefix || allowed_models FROM api_keys";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key[10..], stored, StringComparison.Ordinal);

        var (listExit, list, _) = await SwitchboardProcess.RunAsync("keys", "list", "--data", data);
        Assert.Equal(0, listExit);
        Assert.Contains("ci-bot", list, StringComparison.Ordinal);
        Assert.Contains("gpt-test,embed", list, StringComparison.Ordinal);
        Assert.Contains("active", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreateAndRevoke_AgainstRunningServer_TakeEffectWithoutRestart()
    {
        var (_, stdout, _) = await SwitchboardProcess.RunAsync("keys", "create", "--name", "live", "--models", "gpt-test", "--data", fixture.Server.DataDirectory);
        var key = stdout.Trim();
        using var client = fixture.Server.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, await WaitForStatusAsync(client, HttpStatusCode.OK));

        var (exit, output, _) = await SwitchboardProcess.RunAsync("keys", "revoke", "live", "--data", fixture.Server.DataDirectory);

        Assert.Equal(0, exit);
        Assert.Contains("Revoked", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await WaitForStatusAsync(client, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task KeysRevoke_UnknownKey_FailsWithMessage()
    {
        var data = Directory.CreateTempSubdirectory("switchboard-cli-").FullName;

        var (exit, _, stderr) = await SwitchboardProcess.RunAsync("keys", "revoke", "key_nothere", "--data", data);

        Assert.Equal(1, exit);
        Assert.Contains("no key has the id or name 'key_nothere'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreate_BadExpiry_FailsWithMessage()
    {
        var data = Directory.CreateTempSubdirectory("switchboard-cli-").FullName;

        var (exit, _, stderr) = await SwitchboardProcess.RunAsync("keys", "create", "--name", "x", "--expires", "soon", "--data", data);

        Assert.Equal(2, exit);
        Assert.Contains("--expires 'soon'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreate_WithRoute_IsListed_AndABadRouteIsRefused()
    {
        var data = Directory.CreateTempSubdirectory("sb-cli-route-").FullName;

        var (exit, _, _) = await SwitchboardProcess.RunAsync("keys", "create", "--name", "clinic", "--route", "local-only", "--data", data);
        var (_, list, _) = await SwitchboardProcess.RunAsync("keys", "list", "--data", data);
        var (badExit, _, stderr) = await SwitchboardProcess.RunAsync("keys", "create", "--name", "x", "--route", "anywhere", "--data", data);

        Assert.Equal(0, exit);
        Assert.Contains("local-only", list.Split('\n').Single(l => l.Contains("clinic", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(2, badExit);
        Assert.Contains("--route 'anywhere' must be one of local-only, prefer-local, cheapest, fastest", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysList_OnADataDirectoryFromBeforeTenants_ShowsTheOldKeysImported()
    {
        var data = Directory.CreateTempSubdirectory("sb-schema-").FullName;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "switchboard.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, key_prefix TEXT NOT NULL,
                    models TEXT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NULL, revoked_at INTEGER NULL);
                INSERT INTO api_keys VALUES ('key_old', 'old-key', 'aaaa', 'sb-abc…', 'gpt-test,embed', 0, NULL, NULL);
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        var (exit, list, stderr) = await SwitchboardProcess.RunAsync("keys", "list", "--data", data);

        Assert.True(exit == 0, stderr);
        var line = list.Split('\n').Single(l => l.Contains("old-key", StringComparison.Ordinal));
        Assert.Contains("default", line, StringComparison.Ordinal);
        Assert.Contains("gpt-test,embed", line, StringComparison.Ordinal);
        Assert.Contains("active", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_ReportsProblemsAndExitCode()
    {
        var dir = Directory.CreateTempSubdirectory("switchboard-cli-").FullName;
        var bad = Path.Combine(dir, "bad.json");
        await File.WriteAllTextAsync(bad, """{ "providers": [ { "name": "p", "type": "grpc", "baseUrl": "ftp://x" } ], "models": [] }""");

        var (exit, _, stderr) = await SwitchboardProcess.RunAsync("config", "validate", "--config", bad);

        Assert.Equal(2, exit);
        Assert.Contains("providers[0].type 'grpc' is not supported", stderr, StringComparison.Ordinal);
        Assert.Contains("providers[0].baseUrl must be an absolute http or https URL", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_SampleConfigIsValid()
    {
        var sample = Path.Combine(RepositoryRoot(), "samples", "switchboard.json");

        var (exit, stdout, _) = await SwitchboardProcess.RunAsync("config", "validate", "--config", sample);

        Assert.Equal(0, exit);
        Assert.Contains("valid", stdout, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> WaitForStatusAsync(HttpClient client, HttpStatusCode wanted)
    {
        var status = HttpStatusCode.InternalServerError;
        for (var i = 0; i < 100 && status != wanted; i++)
        {
            using var response = await client.GetAsync("v1/models");
            status = response.StatusCode;
            if (status != wanted)
            {
                await Task.Delay(100);
            }
        }

        return status;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Switchboard.slnx not found above the test directory.");
    }
}
