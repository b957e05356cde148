using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Configuration;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ConfigReloadTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) =>
        ConfigWith("first");

    [Fact]
    public async Task ValidChange_IsAppliedWithoutRestart()
    {
        await File.WriteAllTextAsync(Server.ConfigPath, ConfigWith("second"));

        Assert.True(await WaitForModelsAsync(ids => ids.Contains("second") && !ids.Contains("first")), "the new alias never appeared");
        using var response = await Server.Http.PostAsync("v1/chat/completions",
            new StringContent("""{"model":"second","messages":[{"role":"user","content":"x"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task InvalidChange_IsRejectedWithLoggedProblemAndLastGoodConfigStays()
    {
        var config = Server.App.Services.GetRequiredService<GatewayConfigProvider>();
        var broken = ConfigWith("second").Replace("\"provider\": \"stub\"", "\"provider\": \"nope\"", StringComparison.Ordinal);

        await File.WriteAllTextAsync(Server.ConfigPath, broken);

        var logged = await Server.Logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.Contains("is not a configured provider", StringComparison.Ordinal));
        Assert.NotNull(logged);
        Assert.Contains("models[0].deployments[0].provider 'nope' is not a configured provider", logged.Message, StringComparison.Ordinal);
        Assert.NotNull(config.LastError);
        Assert.Equal(["first"], await ModelIdsAsync());
        Assert.Contains("rejected", await Server.Http.GetStringAsync("readyz"), StringComparison.Ordinal);

        // Fixing the file brings the new config in.
        await File.WriteAllTextAsync(Server.ConfigPath, ConfigWith("second"));
        Assert.True(await WaitForModelsAsync(ids => ids.SequenceEqual(["second"])), "the fixed config was not applied");
        Assert.Null(config.LastError);
    }

    [Fact]
    public async Task MalformedJsonChange_IsRejectedNamingLineAndPosition()
    {
        await File.WriteAllTextAsync(Server.ConfigPath, "{\n  \"providers\": [ }");

        // A watcher may also see the half-written file first; the complete one is reported by position.
        var logged = await Server.Logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.Contains("rejected", StringComparison.Ordinal)
            && e.Message.Contains("at line 2, position", StringComparison.Ordinal));
        Assert.NotNull(logged);
        Assert.Equal(["first"], await ModelIdsAsync());
    }

    [Fact]
    public async Task StartingWithInvalidConfig_FailsNamingTheProblem()
    {
        var root = Directory.CreateTempSubdirectory("switchboard-test-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "switchboard.json"), """{ "providers": [], "models": [ { "alias": "x", "deployments": [] } ], "gatway": {} }""");

        var error = await Assert.ThrowsAsync<ConfigValidationException>(() => GatewayServer.StartAsync("", root: root));

        Assert.Contains("gatway", error.Message, StringComparison.Ordinal);
    }

    private string ConfigWith(string alias) =>
        GatewayServer.Config(Stub, $$"""[ { "alias": "{{alias}}", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] } ]""");

    private async Task<List<string>> ModelIdsAsync()
    {
        var body = JsonNode.Parse(await Server.Http.GetStringAsync("v1/models"))!;
        return body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
    }

    private async Task<bool> WaitForModelsAsync(Func<List<string>, bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (condition(await ModelIdsAsync()))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
