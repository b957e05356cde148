using System.Net;
using System.Text.Json.Nodes;
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

        var admin = JsonNode.Parse(await Server.Http.GetStringAsync("api/v1/admin/deployments"))!;
        var flaky = admin["aliases"]!.AsArray().Single(a => a!["alias"]!.GetValue<string>() == "flaky")!;
        Assert.Equal("priority", flaky["policy"]!.GetValue<string>());
        var states = flaky["deployments"]!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!["health"]!.GetValue<string>());
        Assert.Equal("unhealthy", states["healthstub/fail-500"]);
        Assert.Equal("healthy", states["healthstub/upstream-model"]);
        Assert.True(flaky["deployments"]![1]!["latencyMs"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task AdminDeployments_RequiresAnAdminKey()
    {
        var (_, key) = Server.CreateKey("not-admin", null, null);
        using var anonymous = Server.ClientWithKey(null);
        using var member = Server.ClientWithKey(key);

        using var noKey = await anonymous.GetAsync("api/v1/admin/deployments");
        using var notAdmin = await member.GetAsync("api/v1/admin/deployments");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal("application/problem+json", notAdmin.Content.Headers.ContentType!.MediaType);
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
