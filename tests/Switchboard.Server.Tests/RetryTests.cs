using System.Net;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class RetryTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "flaky", "deployments": [ { "provider": "stub", "model": "fail-once" } ] },
          { "alias": "limited", "deployments": [ { "provider": "stub", "model": "limited-once" } ] },
          { "alias": "broken", "deployments": [ { "provider": "stub", "model": "fail-500" } ] } ]
        """, gateway: """{ "retry": { "maxAttempts": 3, "baseDelayMs": 10, "maxDelayMs": 50 }, "health": { "enabled": false } }""");

    [Fact]
    public async Task FailedOnlyDeployment_IsRetriedAfterABackoff()
    {
        using var response = await Server.PostChatAsync("flaky");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["fail-once", "fail-once"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task RateLimitedOnlyDeployment_IsRetriedAfterItsRetryAfter()
    {
        using var response = await Server.PostChatAsync("limited", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(["limited-once", "limited-once"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task MaxAttempts_CapsTheAttemptsAndTheLastErrorPassesThrough()
    {
        using var response = await Server.PostChatAsync("broken");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(3, ModelsSeenFor(response).Count);
    }
}
