using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary><c>/api/v1/admin/providers</c> and <c>/api/v1/admin/models</c>: run-time config changes, validated, written atomically, hot-reloaded, audited.</summary>
public sealed class ProviderAdminTests : DedicatedGatewayTest
{
    [Fact]
    public async Task PutProviderAndAlias_AreWrittenAndServedWithoutRestart_AndAudited()
    {
        using var provider = await Server.Http.PutAsJsonAsync("api/v1/admin/providers/second",
            new JsonObject { ["type"] = "openai", ["baseUrl"] = Stub.BaseUrl, ["apiKey"] = "env:" + GatewayServer.UpstreamKeyVariable });
        using var alias = await Server.Http.PutAsJsonAsync("api/v1/admin/models/fresh",
            new JsonObject { ["deployments"] = new JsonArray(new JsonObject { ["provider"] = "second", ["model"] = "upstream-model" }) });
        var models = await Server.Http.GetStringAsync("v1/models");
        using var chat = await Server.PostChatAsync("fresh");
        var file = await File.ReadAllTextAsync(Server.ConfigPath);

        Assert.Equal(HttpStatusCode.Created, provider.StatusCode);
        Assert.Equal(HttpStatusCode.Created, alias.StatusCode);
        Assert.Contains("\"fresh\"", models, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Contains("\"second\"", file, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayServer.UpstreamKey, file, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Server.ConfigPath)!, "*.tmp"));
        var entries = await AuditAsync();
        Assert.Contains(entries, e => e["details"]!["change"]!.GetValue<string>() == "provider.created" && e["details"]!["fields"]!.GetValue<string>().Contains("baseUrl"));
        Assert.Contains(entries, e => e["details"]!["change"]!.GetValue<string>() == "alias.created" && e["target"]!.GetValue<string>() == "config:fresh");
    }

    [Fact]
    public async Task InvalidChanges_AreRefusedWithTheValidatorsMessages_AndTheFileIsUntouched()
    {
        var before = await File.ReadAllBytesAsync(Server.ConfigPath);

        using var badType = await Server.Http.PutAsJsonAsync("api/v1/admin/providers/broken", new JsonObject { ["type"] = "grpc", ["baseUrl"] = "ftp://x" });
        using var typo = await Server.Http.PutAsJsonAsync("api/v1/admin/providers/stub", new JsonObject { ["baseUrl"] = Stub.BaseUrl, ["apiKye"] = "x" });
        using var stillUsed = await Server.Http.DeleteAsync("api/v1/admin/providers/stub");
        using var unknownProvider = await Server.Http.PutAsJsonAsync("api/v1/admin/models/orphan",
            new JsonObject { ["deployments"] = new JsonArray(new JsonObject { ["provider"] = "nobody", ["model"] = "m" }) });
        using var missing = await Server.Http.DeleteAsync("api/v1/admin/models/never-existed");

        var problem = (await badType.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!.GetValue<string>().Contains("type 'grpc' is not supported", StringComparison.Ordinal));
        Assert.Contains("baseUrl must be an absolute http or https URL", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("apiKye", await typo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, stillUsed.StatusCode);
        Assert.Contains("stub", await stillUsed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownProvider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(Server.ConfigPath));
        using var chat = await Server.PostChatAsync("gpt-test");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    [Fact]
    public async Task Secrets_AreMaskedInTheList_AndKeptWhenSentBackMasked()
    {
        using var literal = await Server.Http.PutAsJsonAsync("api/v1/admin/providers/literal",
            new JsonObject { ["type"] = "openai", ["baseUrl"] = Stub.BaseUrl, ["apiKey"] = "sk-literal-secret", ["headers"] = new JsonObject { ["X-Org"] = "org-secret" } });
        var list = await Server.Http.GetStringAsync("api/v1/admin/providers");
        var masked = JsonNode.Parse(list)!["providers"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "literal")!.AsObject();
        masked["local"] = true;
        using var update = await Server.Http.PutAsJsonAsync("api/v1/admin/providers/literal", masked);
        var file = await File.ReadAllTextAsync(Server.ConfigPath);

        Assert.Equal(HttpStatusCode.Created, literal.StatusCode);
        Assert.DoesNotContain("sk-literal-secret", list, StringComparison.Ordinal);
        Assert.DoesNotContain("org-secret", list, StringComparison.Ordinal);
        Assert.Contains("env:" + GatewayServer.UpstreamKeyVariable, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.DoesNotContain("sk-literal-secret", await update.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("sk-literal-secret", file, StringComparison.Ordinal);
        Assert.Contains("org-secret", file, StringComparison.Ordinal);
        Assert.DoesNotContain("\"***\"", file, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(), e => e["details"]!["change"]!.GetValue<string>() == "provider.updated" && e["details"]!["fields"]!.GetValue<string>() == "local");
    }

    [Fact]
    public async Task Deployments_CanBeAddedAndRemoved()
    {
        using var added = await Server.Http.PostAsJsonAsync("api/v1/admin/models/gpt-test/deployments", new JsonObject { ["provider"] = "stub", ["model"] = "backup-model" });
        var afterAdd = await Server.Http.GetStringAsync("api/v1/admin/deployments");
        using var removed = await Server.Http.DeleteAsync("api/v1/admin/models/gpt-test/deployments/1");
        using var outOfRange = await Server.Http.DeleteAsync("api/v1/admin/models/gpt-test/deployments/5");
        var afterRemove = await Server.Http.GetStringAsync("api/v1/admin/deployments");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains("stub/backup-model", afterAdd, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outOfRange.StatusCode);
        Assert.DoesNotContain("stub/backup-model", afterRemove, StringComparison.Ordinal);
    }

    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "gpt-test", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] } ]
        """);

    private async Task<List<JsonObject>> AuditAsync()
    {
        await Server.App.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        var page = (await Server.Http.GetFromJsonAsync<JsonObject>($"api/v1/admin/audit?action={AuditActions.ConfigChanged}"))!;
        return [.. page["entries"]!.AsArray().Select(e => e!.AsObject())];
    }
}
