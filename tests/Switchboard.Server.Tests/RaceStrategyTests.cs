using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary>The fastest and hedge strategies: several attempts of one request, one answer relayed, the rest cancelled.</summary>
public sealed class RaceStrategyTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "race", "strategy": { "type": "fastest" }, "deployments": [
              { "provider": "stub", "model": "delay-5000" }, { "provider": "stub", "model": "delay-400" } ] },
          { "alias": "race-failing", "strategy": { "type": "fastest", "fanOut": 2 }, "deployments": [
              { "provider": "stub", "model": "fail-500" }, { "provider": "stub", "model": "delay-300" } ] },
          { "alias": "race-then-failover", "strategy": { "type": "fastest", "fanOut": 2 }, "deployments": [
              { "provider": "stub", "model": "fail-500" }, { "provider": "stub", "model": "fail-429" }, { "provider": "stub", "model": "third" } ] },
          { "alias": "race-all-fail", "strategy": { "type": "fastest" }, "deployments": [
              { "provider": "stub", "model": "fail-500" }, { "provider": "stub", "model": "stall" } ] },
          { "alias": "hedge", "strategy": { "type": "hedge", "hedgeAfterMs": 200 }, "deployments": [
              { "provider": "stub", "model": "delay-5000" }, { "provider": "stub", "model": "backup" } ] },
          { "alias": "hedge-quick", "strategy": { "type": "hedge", "hedgeAfterMs": 2000 }, "deployments": [
              { "provider": "stub", "model": "quick" }, { "provider": "stub", "model": "backup" } ] } ]
        """, gateway: """{ "upstreamTimeoutSeconds": 2 }""");

    [Fact]
    public async Task Fastest_RelaysTheFirstAnswer_AndCancelsTheSlowerAttempt()
    {
        using var response = await Server.PostChatAsync("race");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from delay-400", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(["delay-400", "delay-5000"], ModelsSeenFor(response).Order());
        Assert.True(await Stub.WaitForAbortAsync(response.Headers.GetValues("x-request-id").Single()), "the slower attempt was not cancelled");
    }

    [Fact]
    public async Task Fastest_Streams_TheWinnersEventsOnly_EndingWithDone()
    {
        using var response = await Server.PostChatAsync("race", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.Equal("delay-400", JsonNode.Parse(e)!["model"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Fastest_AnAttemptThatFails_LeavesTheOtherToAnswer()
    {
        using var response = await Server.PostChatAsync("race-failing");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from delay-300", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fastest_WhenBothRacersFail_TheNextDeploymentTakesOver()
    {
        using var response = await Server.PostChatAsync("race-then-failover");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hello from third", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, ModelsSeenFor(response).Count);
    }

    [Fact]
    public async Task Fastest_WhenEveryAttemptFails_NamesEachFailure()
    {
        using var response = await Server.PostChatAsync("race-all-fail");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var message = error["message"]!.GetValue<string>();
        Assert.Contains("stub/fail-500: HTTP 500", message, StringComparison.Ordinal);
        Assert.Contains("stub/stall: no response within", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hedge_StartsASecondAttemptAfterTheThreshold_AndUsesWhicheverAnswersFirst()
    {
        using var response = await Server.PostChatAsync("hedge", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("backup", JsonNode.Parse(events[0])!["model"]!.GetValue<string>());
        Assert.Equal(["delay-5000", "backup"], ModelsSeenFor(response));
        Assert.Contains(Server.Logs.Entries, e => e.EventId == 104 && e.Message.Contains("starting stub/backup alongside", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hedge_AnAnswerBeforeTheThreshold_IsTheOnlyAttempt()
    {
        using var response = await Server.PostChatAsync("hedge-quick");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["quick"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task Hedge_ALostAttempt_DoesNotCountAgainstItsDeploymentsHealth()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await Server.PostChatAsync("hedge");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var admin = await Server.Http.GetAsync("api/v1/admin/deployments");
        var aliases = JsonNode.Parse(await admin.Content.ReadAsStringAsync())!["aliases"]!.AsArray();
        var slow = aliases.Single(a => a!["alias"]!.GetValue<string>() == "hedge")!["deployments"]![0]!;
        Assert.Equal("healthy", slow["health"]!.GetValue<string>());
    }
}
