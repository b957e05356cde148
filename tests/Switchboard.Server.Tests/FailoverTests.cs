using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class FailoverTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("failover-500", "fail-500")]
    [InlineData("failover-429", "fail-429")]
    public async Task FailingFirstDeployment_NextDeploymentServes(string alias, string failingModel)
    {
        using var response = await fixture.Server.PostChatAsync(alias);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from upstream-model", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal([failingModel, "upstream-model"], fixture.UpstreamRequestsFor(response).Select(r => r.Model));
    }

    [Fact]
    public async Task UnreachableFirstDeployment_NextDeploymentServes()
    {
        using var response = await fixture.Server.PostChatAsync("failover-down");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["upstream-model"], fixture.UpstreamRequestsFor(response).Select(r => r.Model));
    }

    [Fact]
    public async Task Stream_FailingFirstDeployment_FailsOverBeforeFirstByte()
    {
        using var response = await fixture.Server.PostChatAsync("failover-500", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Stream_CutBeforeFirstEvent_FailsOverToNextDeployment()
    {
        using var response = await fixture.Server.PostChatAsync("failover-stream", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(["cut-before-first", "upstream-model"], fixture.UpstreamRequestsFor(response).Select(r => r.Model));
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("truncated")]
    public async Task Stream_CutAfterFirstByte_EndsWithErrorEventAndNeverDone(string alias)
    {
        using var response = await fixture.Server.PostChatAsync(alias, stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("[DONE]", events);
        var error = JsonNode.Parse(events[^1])!["error"]!;
        Assert.Equal("stream_interrupted", error["code"]!.GetValue<string>());
        Assert.Contains($"'{alias}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, events.Count); // two chunks relayed, then the error event
        // No failover after output reached the client: the second deployment was never asked.
        Assert.Equal([alias], fixture.UpstreamRequestsFor(response).Select(r => r.Model));
    }

    [Fact]
    public async Task AllDeploymentsUnreachable_Is502ListingEachAttempt()
    {
        using var response = await fixture.Server.PostChatAsync("down", stream: true);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("down/m:", message, StringComparison.Ordinal);
        Assert.Contains("down/m2:", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ctx-openai")]
    [InlineData("ctx-vllm")]
    [InlineData("ctx-llamacpp")]
    [InlineData("ctx-ollama")]
    public async Task ContextWindowExceeded_FailsOverToTheNextDeployment(string server)
    {
        using var response = await fixture.Server.PostChatAsync("context-" + server);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([server, "big-window"], fixture.UpstreamRequestsFor(response).Select(r => r.Model));
    }

    [Fact]
    public async Task ContextWindowExceededOnTheLastDeployment_PassesTheErrorThrough()
    {
        using var response = await fixture.Server.PostChatAsync("context-only");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
    }
}
