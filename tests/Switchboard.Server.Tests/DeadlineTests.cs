using System.Net;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class DeadlineTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub,
        """[ { "alias": "stall", "deployments": [ { "provider": "stub", "model": "stall" } ] } ]""",
        gateway: """{ "upstreamTimeoutSeconds": 300, "totalTimeoutSeconds": 1, "retry": { "maxAttempts": 5 } }""");

    [Fact]
    public async Task TotalBudget_EndsTheRequestBeforeThePerAttemptTimeout()
    {
        using var response = await Server.PostChatAsync("stall");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(await Stub.WaitForAbortAsync(response.Headers.GetValues("x-request-id").Single()), "the stalled attempt was not aborted");
    }
}
