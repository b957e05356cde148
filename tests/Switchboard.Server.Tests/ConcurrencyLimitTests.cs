using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ConcurrencyLimitTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "gated", "deployments": [ { "provider": "stub", "model": "slow", "maxConcurrency": 1, "maxQueue": 0 } ] },
          { "alias": "gated-with-backup", "deployments": [
              { "provider": "stub", "model": "slow", "maxConcurrency": 1, "maxQueue": 0 },
              { "provider": "stub", "model": "backup" } ] } ]
        """);

    [Fact]
    public async Task FullDeployment_IsSkippedForTheNextOne()
    {
        using var holding = await StartSlowStreamAsync("gated-with-backup");

        using var response = await Server.PostChatAsync("gated-with-backup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["backup"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task EveryDeploymentFull_Is429WithRetryAfter()
    {
        using var holding = await StartSlowStreamAsync("gated");

        using var response = await Server.PostChatAsync("gated");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("deployments_busy", error["code"]!.GetValue<string>());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Empty(ModelsSeenFor(response));

        // Once the slot is free again the alias serves.
        await Sse.ReadDataAsync(holding);
        using var after = await Server.PostChatAsync("gated", stream: true);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<HttpResponseMessage> StartSlowStreamAsync(string alias)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{alias}}","stream":true,"messages":[{"role":"user","content":"x"}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        // Headers arrive with the first event, while the stream (about a second) still holds the slot.
        return await Server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
