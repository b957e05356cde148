using System.Net;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary>Router aliases whose undecided requests are labelled by a small model.</summary>
public sealed class LlmClassificationTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, $$"""
        [ {{Router("smart", "labeller")}}, {{Router("smart-garbled", "garbled")}}, {{Router("smart-failing", "failing")}},
          {{Router("smart-slow", "slow-labeller")}},
          { "alias": "labeller", "deployments": [ { "provider": "stub", "model": "say-Label: COMPLEX." } ] },
          { "alias": "garbled", "deployments": [ { "provider": "stub", "model": "say-I cannot decide" } ] },
          { "alias": "failing", "deployments": [ { "provider": "stub", "model": "fail-500" } ] },
          { "alias": "slow-labeller", "deployments": [ { "provider": "stub", "model": "delay-5000" } ] },
          { "alias": "coder", "deployments": [ { "provider": "stub", "model": "coder-model" } ] },
          { "alias": "small", "deployments": [ { "provider": "stub", "model": "small-model" } ] },
          { "alias": "big", "deployments": [ { "provider": "stub", "model": "big-model" } ] } ]
        """);

    [Fact]
    public async Task UndecidedByRules_TheModelsLabelPicksTheAlias()
    {
        using var response = await Server.PostChatAsync("smart");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("big", response.Headers.GetValues("x-switchboard-routed-to").Single());
        Assert.Equal("llm", response.Headers.GetValues("x-switchboard-routed-by").Single());
        Assert.Equal(["say-Label: COMPLEX.", "big-model"], ModelsSeenFor(response));
        var question = Stub.Requests.First(r => r.Model.StartsWith("say-", StringComparison.Ordinal)).Json;
        Assert.Contains("- complex: proofs, long analysis", question["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("x", question["messages"]![1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARuleThatMatches_DecidesWithoutAskingTheModel()
    {
        using var response = await Server.Http.PostAsync("v1/chat/completions", new StringContent(
            """{"model":"smart","messages":[{"role":"user","content":"my python code fails"}]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal("rule", response.Headers.GetValues("x-switchboard-routed-by").Single());
        Assert.Equal(["coder-model"], ModelsSeenFor(response));
    }

    [Theory]
    [InlineData("smart-garbled")]
    [InlineData("smart-failing")]
    [InlineData("smart-slow")]
    public async Task AModelThatCannotDecide_LeavesItToTheDefault(string router)
    {
        using var response = await Server.PostChatAsync(router);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("small", response.Headers.GetValues("x-switchboard-routed-to").Single());
        Assert.Equal("default", response.Headers.GetValues("x-switchboard-routed-by").Single());
        Assert.Equal("small-model", ModelsSeenFor(response)[^1]);
        Assert.Contains(Server.Logs.Entries, e => e.EventId == 110);
    }

    private static string Router(string alias, string labeller) => $$"""
        { "alias": "{{alias}}", "classify": {
            "rules": [ { "keywords": ["python"], "alias": "coder" } ],
            "llm": { "model": "{{labeller}}", "timeoutSeconds": 0.5, "labels": [
              { "label": "simple", "description": "greetings, short factual questions", "alias": "small" },
              { "label": "complex", "description": "proofs, long analysis", "alias": "big" } ] },
            "default": "small" } }
        """;
}
