using System.Net;
using System.Text;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ClassificationTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "auto", "classify": {
              "rules": [
                { "keywords": ["python", "код", "stack trace"], "alias": "coder" },
                { "pattern": "(?i)\\btranslat(e|ion)\\b", "alias": "translator" } ],
              "default": "small" } },
          { "alias": "coder", "deployments": [ { "provider": "stub", "model": "coder-model" } ] },
          { "alias": "translator", "deployments": [ { "provider": "stub", "model": "translator-model" } ] },
          { "alias": "small", "deployments": [ { "provider": "stub", "model": "small-model" } ] } ]
        """);

    [Theory]
    [InlineData("Why does my Python script crash?", "coder", "coder-model")]
    [InlineData("Посмотри этот код, пожалуйста", "coder", "coder-model")]
    [InlineData("Please translate this into Russian", "translator", "translator-model")]
    [InlineData("What is the capital of France?", "small", "small-model")]
    [InlineData("pythonic is not a keyword match", "small", "small-model")]
    public async Task RouterAlias_SendsTheRequestWhereTheLastUserMessageBelongs(string text, string alias, string model)
    {
        var body = $$"""{"model":"auto","messages":[{"role":"user","content":"translate everything"},{"role":"assistant","content":"ok"},{"role":"user","content":"{{text}}"}]}""";

        using var response = await Server.Http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(alias, response.Headers.GetValues("x-switchboard-routed-to").Single());
        Assert.Equal([model], ModelsSeenFor(response));
    }

    [Fact]
    public async Task RouterAlias_ReadsTextPartsOfMultipartContent()
    {
        const string body = """{"model":"auto","messages":[{"role":"user","content":[{"type":"text","text":"fix this stack trace"}]}]}""";

        using var response = await Server.Http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(["coder-model"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task KeyForTheRouterAlias_MayUseWhatItPicks()
    {
        var (_, key) = Server.CreateKey("auto-only", ["auto"], null);
        using var client = Server.ClientWithKey(key);

        using var response = await client.PostAsync("v1/chat/completions",
            new StringContent("""{"model":"auto","messages":[{"role":"user","content":"python?"}]}""", Encoding.UTF8, "application/json"));
        using var direct = await client.PostAsync("v1/chat/completions",
            new StringContent("""{"model":"coder","messages":[{"role":"user","content":"python?"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
    }
}
