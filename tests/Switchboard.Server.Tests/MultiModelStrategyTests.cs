using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary>The consensus and compare strategies: several models asked, one response combining their answers.</summary>
public sealed class MultiModelStrategyTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "panel", "strategy": { "type": "compare" }, "deployments": [
              { "provider": "stub", "model": "say-Paris" }, { "provider": "stub", "model": "say-Lyon" }, { "provider": "stub", "model": "fail-500" } ] },
          { "alias": "vote", "strategy": { "type": "consensus" }, "deployments": [
              { "provider": "stub", "model": "say-London" }, { "provider": "stub", "model": "say-paris." }, { "provider": "stub", "model": "say-Paris" } ] },
          { "alias": "judged", "strategy": { "type": "consensus", "members": ["a", "b"], "judge": "judge" } },
          { "alias": "judge-broken", "strategy": { "type": "consensus", "members": ["a", "b", "b"], "judge": "broken" } },
          { "alias": "a", "deployments": [ { "provider": "stub", "model": "say-Moscow" } ] },
          { "alias": "b", "deployments": [ { "provider": "stub", "model": "say-Saint Petersburg" } ] },
          { "alias": "judge", "deployments": [ { "provider": "stub", "model": "say-Moscow, the capital" } ] },
          { "alias": "broken", "deployments": [ { "provider": "stub", "model": "fail-400" } ] },
          { "alias": "plain", "deployments": [ { "provider": "stub", "model": "plain-model" } ] },
          { "alias": "cloud-and-local", "strategy": { "type": "compare" }, "deployments": [
              { "provider": "stub", "model": "say-cloud" }, { "provider": "local", "model": "say-local" } ] } ]
        """, extraProviders: $$""", { "name": "local", "type": "openai", "baseUrl": "{{stub.BaseUrl}}", "local": true }""");

    [Fact]
    public async Task Compare_ReturnsEveryAnswerAsAChoice_WithEachModelsDetailsInTheExtension()
    {
        using var response = await Server.PostChatAsync("panel");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choices = body["choices"]!.AsArray();
        Assert.Equal(["Paris", "Lyon"], choices.Select(c => c!["message"]!["content"]!.GetValue<string>()));
        Assert.Equal([0, 1], choices.Select(c => c!["index"]!.GetValue<int>()));
        var answers = body["switchboard"]!["answers"]!.AsArray();
        Assert.Equal("compare", body["switchboard"]!["strategy"]!.GetValue<string>());
        Assert.Equal(3, answers.Count);
        Assert.Equal("stub/fail-500", answers[2]!["model"]!.GetValue<string>());
        Assert.Equal(500, answers[2]!["status"]!.GetValue<int>());
        Assert.NotNull(answers[2]!["error"]);
        Assert.Equal(1, answers[1]!["choice_index"]!.GetValue<int>());
        // Usage of the whole request is the sum of what every model used.
        Assert.Equal(22, body["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Compare_Streamed_ArrivesAsChunksAndDone()
    {
        using var response = await Server.PostChatAsync("panel", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Equal("Paris", chunks[0]["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal(1, chunks[1]["choices"]![0]!["index"]!.GetValue<int>());
        Assert.NotNull(chunks[^1]["switchboard"]);
        // Upstreams are asked for whole answers.
        Assert.Equal(["fail-500", "say-Lyon", "say-Paris"], ModelsSeenFor(response).Order());
        Assert.All(Stub.Requests.Where(r => r.RequestId == response.Headers.GetValues("x-request-id").Single()),
            r => Assert.False(r.Json["stream"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Consensus_WithoutAJudge_TakesTheMajorityAnswer()
    {
        using var response = await Server.PostChatAsync("vote");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var choice = Assert.Single(body["choices"]!.AsArray());
        Assert.Equal("paris.", choice!["message"]!["content"]!.GetValue<string>());
        var extension = body["switchboard"]!;
        Assert.Equal("vote", extension["method"]!.GetValue<string>());
        Assert.Equal(2, extension["votes"]!.GetValue<int>());
        Assert.Equal(3, extension["voters"]!.GetValue<int>());
        Assert.Equal(3, extension["answers"]!.AsArray().Count);
    }

    [Fact]
    public async Task Consensus_WithAJudge_ReturnsTheJudgesSynthesis_AndTheJudgeSawEveryAnswer()
    {
        using var response = await Server.PostChatAsync("judged");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Moscow, the capital", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("judge", body["switchboard"]!["method"]!.GetValue<string>());
        Assert.Equal(["a", "b"], body["switchboard"]!["answers"]!.AsArray().Select(a => a!["model"]!.GetValue<string>()));
        var judgeRequest = Stub.Requests.Single(r => r.Model == "say-Moscow, the capital").Body;
        Assert.Contains("Moscow", judgeRequest, StringComparison.Ordinal);
        Assert.Contains("Saint Petersburg", judgeRequest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consensus_AJudgeThatFails_LeavesTheVoteStanding()
    {
        using var response = await Server.PostChatAsync("judge-broken");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Saint Petersburg", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Contains("broken:", body["switchboard"]!["judge_error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extension_TurnsAPlainRequestIntoACompare_AndNeverReachesAnUpstream()
    {
        const string json = """{"model":"plain","switchboard":{"strategy":"compare","models":["a","b"]},"messages":[{"role":"user","content":"capital?"}]}""";

        using var response = await Server.Http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body["choices"]!.AsArray().Count);
        var sent = Stub.Requests.Where(r => r.RequestId == response.Headers.GetValues("x-request-id").Single()).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r => Assert.DoesNotContain("switchboard", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extension_OnARelayedRequest_IsCutOutOfTheBody()
    {
        const string json = """{"model":"plain", "switchboard" : {"strategy":"single"} ,"messages":[{"role":"user","content":"hi"}],"temperature":0.5}""";

        using var response = await Server.Http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Stub.Requests.Single(r => r.RequestId == response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("""{"model":"plain-model", "messages":[{"role":"user","content":"hi"}],"temperature":0.5}""", sent.Body);
    }

    [Theory]
    [InlineData("""{"strategy":"vote"}""", 400, "switchboard.strategy")]
    [InlineData("""{"strategy":"compare","fan_out":0}""", 400, "switchboard.fan_out")]
    [InlineData("""{"strategy":"compare","models":["a"],"colour":"red"}""", 400, "switchboard.colour")]
    [InlineData("""{"strategy":"fastest","models":["a"]}""", 400, "switchboard.models")]
    [InlineData("""{"strategy":"compare","models":["nope"]}""", 404, "switchboard.models")]
    [InlineData("""{"strategy":"compare","models":["a","panel"]}""", 400, "switchboard.models")]
    public async Task Extension_BadInput_IsRefusedWithTheFieldNamed(string extension, int status, string? param)
    {
        var json = $$"""{"model":"plain","switchboard":{{extension}},"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await Server.Http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(param, error["param"]?.GetValue<string>());
        Assert.Empty(Stub.Requests);
    }

    [Fact]
    public async Task Extension_AMemberTheKeyMayNotUse_IsForbidden()
    {
        var (_, key) = Server.CreateKey("plain-and-a", ["plain", "a"]);
        using var client = Server.ClientWithKey(key);
        const string json = """{"model":"plain","switchboard":{"strategy":"compare","models":["a","b"]},"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(Stub.Requests);
    }

    [Fact]
    public async Task LocalOnly_AsksOnlyLocalDeployments_EvenInACompare()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"cloud-and-local","messages":[{"role":"user","content":"secret"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-switchboard-route", "local-only");

        using var response = await Server.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["say-local"], ModelsSeenFor(response));
        Assert.Equal("local", Assert.Single(body["choices"]!.AsArray())!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embeddings_CannotBeCompared()
    {
        const string json = """{"model":"plain","switchboard":{"strategy":"compare"},"input":"hi"}""";

        using var response = await Server.Http.PostAsync("v1/embeddings", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("chat completions only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
