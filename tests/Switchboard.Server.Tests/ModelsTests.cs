using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ModelsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ListModels_WithOpenAiSdk_ReturnsEveryAliasForTheAdminKey()
    {
        var models = await fixture.Server.OpenAi().GetOpenAIModelClient().GetModelsAsync();

        var ids = models.Value.Select(m => m.Id).ToList();
        Assert.Contains("gpt-test", ids);
        Assert.Contains("embed", ids);
        Assert.All(models.Value, m => Assert.Equal("switchboard", m.OwnedBy));
    }

    [Fact]
    public async Task ListModels_ForRestrictedKey_ReturnsOnlyItsAliases()
    {
        var (_, key) = fixture.Server.CreateKey("restricted-list", ["embed", "tools"], null);
        using var client = fixture.Server.ClientWithKey(key);

        var body = JsonNode.Parse(await client.GetStringAsync("v1/models"))!;

        Assert.Equal("list", body["object"]!.GetValue<string>());
        Assert.Equal(["tools", "embed"], body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetModel_ById_ReturnsTheModel()
    {
        var model = await fixture.Server.OpenAi().GetOpenAIModelClient().GetModelAsync("gpt-test");

        Assert.Equal("gpt-test", model.Value.Id);
    }

    [Fact]
    public async Task GetModel_Unknown_Is404ModelNotFound()
    {
        using var response = await fixture.Server.Http.GetAsync("v1/models/nope");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetModel_NotAllowedForKey_Is403()
    {
        var (_, key) = fixture.Server.CreateKey("restricted-get", ["embed"], null);
        using var client = fixture.Server.ClientWithKey(key);

        using var response = await client.GetAsync("v1/models/gpt-test");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
