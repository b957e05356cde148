using System.Net;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class TimeoutFailoverTests : DedicatedGatewayTest
{
    // Generous enough that a busy test machine still delivers the request to the stub before it expires.
    protected override string CreateConfig(StubUpstream stub) =>
        GatewayServer.Config(stub, """
            [ { "alias": "stall-then-ok", "deployments": [ { "provider": "stub", "model": "stall" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "stall", "deployments": [ { "provider": "stub", "model": "stall" } ] } ]
            """, gateway: """{ "upstreamTimeoutSeconds": 2 }""");

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

}
