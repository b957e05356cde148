using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ActiveProbeTests : DedicatedGatewayTest
{
    // A provider name of its own: meters are process-wide (see HealthTests).
    protected override string CreateConfig(StubUpstream stub) => $$"""
        {
          "gateway": { "health": { "minimumAttempts": 3, "breakSeconds": 600 } },
          "providers": [ { "name": "probed", "type": "openai", "baseUrl": "{{stub.BaseUrl}}" } ],
          "models": [ { "alias": "watched", "deployments": [
              { "provider": "probed", "model": "fail-500", "probe": { "intervalSeconds": 0.1 } },
              { "provider": "probed", "model": "upstream-model", "probe": { "intervalSeconds": 0.1 } } ] } ]
        }
        """;

    [Fact]
    public async Task Probes_TakeADeadDeploymentOutOfRotationWithoutUserTraffic()
    {
        var states = new Dictionary<string, string>();
        for (var i = 0; i < 200 && states.GetValueOrDefault("probed/fail-500") != "unhealthy"; i++)
        {
            await Task.Delay(50);
            var admin = JsonNode.Parse(await Server.Http.GetStringAsync("api/v1/admin/deployments"))!;
            states = admin["aliases"]![0]!["deployments"]!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!["health"]!.GetValue<string>());
        }

        Assert.Equal("unhealthy", states["probed/fail-500"]);
        Assert.Equal("healthy", states["probed/upstream-model"]);
        var probe = Stub.Requests.First(r => r.Model == "fail-500");
        Assert.Equal(1, probe.Json["max_tokens"]!.GetValue<int>());

        // A user request now goes straight to the healthy deployment.
        using var response = await Server.PostChatAsync("watched");
        Assert.Equal(["upstream-model"], ModelsSeenFor(response));
    }
}
