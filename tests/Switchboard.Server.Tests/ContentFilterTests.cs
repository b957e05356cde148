using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ContentFilterTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "guarded-error", "failoverOnContentFilter": true,
            "deployments": [ { "provider": "stub", "model": "filtered-error" }, { "provider": "stub", "model": "other" } ] },
          { "alias": "guarded-finish", "failoverOnContentFilter": true,
            "deployments": [ { "provider": "stub", "model": "filtered-finish" }, { "provider": "stub", "model": "other" } ] },
          { "alias": "plain", "deployments": [ { "provider": "stub", "model": "filtered-finish" }, { "provider": "stub", "model": "other" } ] } ]
        """);

    [Theory]
    [InlineData("guarded-error", "filtered-error")]
    [InlineData("guarded-finish", "filtered-finish")]
    public async Task ContentFilterRefusal_FailsOverWhenTheAliasAsksForIt(string alias, string refusing)
    {
        using var response = await Server.PostChatAsync(alias);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal([refusing, "other"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task ContentFilterRefusal_IsAnAnswerByDefault()
    {
        using var response = await Server.PostChatAsync("plain");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("content_filter", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(["filtered-finish"], ModelsSeenFor(response));
    }
}
