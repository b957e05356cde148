using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary>Continue mode: a stream cut after it started is resumed on the next deployment with the partial answer as prefill.</summary>
public sealed class ContinueModeTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "resumable", "continueOnCut": true, "deployments": [ { "provider": "stub", "model": "cut" }, { "provider": "stub", "model": "ok" } ] },
          { "alias": "cut-twice", "continueOnCut": true, "deployments": [ { "provider": "stub", "model": "cut" }, { "provider": "stub", "model": "truncated" } ] },
          { "alias": "nobody-continues", "continueOnCut": true, "deployments": [ { "provider": "stub", "model": "cut" }, { "provider": "stub", "model": "fail-500" } ] } ]
        """);

    [Fact]
    public async Task ACutStream_IsContinuedOnTheNextDeployment_AndEndsWithDone()
    {
        using var response = await Server.PostChatAsync("resumable", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.StartsWith("{\"error\"", StringComparison.Ordinal));
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        // One opening chunk: the continuation's own is dropped.
        Assert.Single(chunks, c => c["choices"]![0]!["delta"]!["role"] is not null);
        Assert.Equal("part0 part0 part1 part2 ", string.Concat(chunks.Select(c => c["choices"]![0]!["delta"]!["content"]?.GetValue<string>())));
        Assert.Equal(["cut", "ok"], ModelsSeenFor(response));
        var resent = Stub.Requests.Last(r => r.RequestId == response.Headers.GetValues("x-request-id").Single()).Json["messages"]!.AsArray();
        Assert.Equal("assistant", resent[^1]!["role"]!.GetValue<string>());
        Assert.Equal("part0 ", resent[^1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task AContinuationThatBreaksToo_EndsWithAnErrorEvent()
    {
        using var response = await Server.PostChatAsync("cut-twice", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.NotEqual("[DONE]", events[^1]);
        Assert.Equal("stream_interrupted", JsonNode.Parse(events[^1])!["error"]!["code"]!.GetValue<string>());
        var resent = Stub.Requests.Last(r => r.RequestId == response.Headers.GetValues("x-request-id").Single()).Json["messages"]!.AsArray();
        Assert.Equal("part0 ", resent[^1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhenNoDeploymentCanContinue_TheStreamEndsWithAnErrorEvent_NotAnHttpError()
    {
        using var response = await Server.PostChatAsync("nobody-continues", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = JsonNode.Parse(events[^1])!["error"]!;
        Assert.Equal("stream_interrupted", error["code"]!.GetValue<string>());
        Assert.Contains("no other deployment could continue it", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
