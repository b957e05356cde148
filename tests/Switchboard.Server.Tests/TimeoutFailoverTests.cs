using System.Net;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class TimeoutFailoverTests : DedicatedGatewayTest
{
    // Generous enough that a busy test machine still delivers the request to the stub before it expires.
    protected override string CreateConfig(StubUpstream stub) =>
        GatewayServer.Config(stub, """
            [ { "alias": "stall-then-ok", "deployments": [ { "provider": "stub", "model": "stall" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "stall", "deployments": [ { "provider": "stub", "model": "stall" } ] },
              { "alias": "stall-mid-stream", "deployments": [ { "provider": "stub", "model": "stall-mid-stream" } ] } ]
            """, gateway: """{ "upstreamTimeoutSeconds": 2, "streamIdleTimeoutSeconds": 1 }""");

    [Fact]
    public async Task StalledDeployment_TimesOutAbortsUpstreamAndFailsOver()
    {
        using var response = await Server.PostChatAsync("stall-then-ok");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("x-request-id").Single();
        Assert.Equal(["stall", "upstream-model"], Stub.Requests.Where(r => r.RequestId == requestId).Select(r => r.Model));
        Assert.True(await Stub.WaitForAbortAsync(requestId), "the stalled upstream request was not aborted");
    }

    [Fact]
    public async Task OnlyDeploymentStalls_Is504()
    {
        using var response = await Server.PostChatAsync("stall");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("upstream_timeout", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }


    [Fact]
    public async Task StreamThatStallsAfterFirstByte_EndsWithErrorEventAndAbortsUpstream()
    {
        using var response = await Server.PostChatAsync("stall-mid-stream", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("[DONE]", events);
        Assert.Contains("sent no event for 1 s", events[^1], StringComparison.Ordinal);
        Assert.True(await Stub.WaitForAbortAsync(response.Headers.GetValues("x-request-id").Single()), "the stalled upstream was not aborted");
    }
}
