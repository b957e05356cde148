using System.Net;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class HealthTests : DedicatedGatewayTest
{
    // The provider has a name of its own: meters are process-wide, and other test servers in this process
    // also export health for "stub/…" deployments.
    protected override string CreateConfig(StubUpstream stub) => $$"""
        {
          "gateway": { "health": { "minimumAttempts": 3, "failureRateThreshold": 0.5, "breakSeconds": 600 } },
          "providers": [ { "name": "healthstub", "type": "openai", "baseUrl": "{{stub.BaseUrl}}" } ],
          "models": [
            { "alias": "flaky", "deployments": [ { "provider": "healthstub", "model": "fail-500" }, { "provider": "healthstub", "model": "upstream-model" } ] },
            { "alias": "limited", "deployments": [ { "provider": "healthstub", "model": "fail-429" }, { "provider": "healthstub", "model": "backup" } ] }
          ]
        }
        """;

    [Fact]
    public async Task FailingDeployment_LeavesRotationOnceItsFailureRateIsKnown()
    {
        for (var i = 0; i < 3; i++)
        {
            using var warmup = await Server.PostChatAsync("flaky");
            Assert.Equal(["fail-500", "upstream-model"], ModelsSeenFor(warmup));
        }

        using var response = await Server.PostChatAsync("flaky");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["upstream-model"], ModelsSeenFor(response));
        var metrics = await Server.Http.GetStringAsync("metrics");
        Assert.Matches("""switchboard_deployment_health\{[^}]*deployment="healthstub/fail-500"\} 2""", metrics);
        Assert.Matches("""switchboard_deployment_health\{[^}]*deployment="healthstub/upstream-model"\} 0""", metrics);
    }

    [Fact]
    public async Task RateLimitedDeployment_CoolsDownForItsRetryAfter()
    {
        using var first = await Server.PostChatAsync("limited");
        using var second = await Server.PostChatAsync("limited");

        Assert.Equal(["fail-429", "backup"], ModelsSeenFor(first));
        Assert.Equal(["backup"], ModelsSeenFor(second)); // the stub said Retry-After: 7
    }
}
