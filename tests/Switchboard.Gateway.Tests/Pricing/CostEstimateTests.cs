using System.Text;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Pricing;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Pricing;

/// <summary>Estimates: prompt bytes / 3 plus max_tokens (or limits.defaultMaxTokens) at the dearest deployment, per model call.</summary>
public sealed class CostEstimateTests
{
    private const string Providers = """[ { "name": "p", "baseUrl": "http://p.example/v1" } ]""";

    [Fact]
    public void OneCall_IsPricedAtTheMostExpensiveDeployment_InTheRequestedCurrency()
    {
        var snapshot = Snapshot("""
            [ { "alias": "chat", "deployments": [
                { "provider": "p", "model": "cheap", "price": { "inputPer1M": 1, "outputPer1M": 2, "currency": "USD" } },
                { "provider": "p", "model": "dear", "price": { "inputPer1M": 100, "outputPer1M": 200, "currency": "RUB" } },
                { "provider": "p", "model": "free" } ] } ]
            """, """{ "exchangeRates": { "USD/RUB": 100 } }""");
        var estimate = Estimate(snapshot, "chat", """{"model":"chat","max_tokens":50,"messages":["1234567"]}""");

        Assert.Equal((3, 50, 53), (estimate.PromptTokens, estimate.OutputTokens, estimate.Tokens));
        Assert.True(estimate.TryInCurrency("RUB", snapshot.Currencies, out var rubles, out _));
        // Dear: 3 × 100 + 50 × 200 RUB per million; cheap is 3 × 1 + 50 × 2 USD = 10 300 RUB per million, the dearer one.
        Assert.Equal(10_300m / 1_000_000m, rubles);
        Assert.True(estimate.TryInCurrency("USD", snapshot.Currencies, out var dollars, out _));
        Assert.Equal(103m / 1_000_000m, dollars);
    }

    [Fact]
    public void WithoutMaxTokens_TheConfiguredDefaultIsAssumed_TimesTheNumberOfChoices()
    {
        var snapshot = Snapshot("""[ { "alias": "chat", "deployments": [ { "provider": "p", "model": "m" } ] } ]""", limits: """{ "defaultMaxTokens": 1000 }""");
        Assert.Equal(3000, Estimate(snapshot, "chat", """{"model":"chat","n":3,"messages":[]}""").OutputTokens);
    }

    [Fact]
    public void UnconvertibleCurrency_IsReported()
    {
        var snapshot = Snapshot("""[ { "alias": "chat", "deployments": [ { "provider": "p", "model": "m", "price": { "inputPer1M": 1, "outputPer1M": 1, "currency": "EUR" } } ] } ]""");
        Assert.False(Estimate(snapshot, "chat", """{"model":"chat","messages":[]}""").TryInCurrency("RUB", snapshot.Currencies, out _, out var currency));
        Assert.Equal("EUR", currency);
    }

    [Fact]
    public void ConsensusWithAJudge_AddsEveryMemberAndTheJudge()
    {
        var snapshot = Snapshot("""
            [ { "alias": "a", "deployments": [ { "provider": "p", "model": "a", "price": { "inputPer1M": 0, "outputPer1M": 1000000 } } ] },
              { "alias": "b", "deployments": [ { "provider": "p", "model": "b", "price": { "inputPer1M": 0, "outputPer1M": 2000000 } } ] },
              { "alias": "panel", "strategy": { "type": "consensus", "members": ["a", "b"], "judge": "a" } } ]
            """);
        var estimate = Estimate(snapshot, "panel", """{"model":"panel","max_tokens":1,"messages":[]}""");
        Assert.True(estimate.TryInCurrency("USD", snapshot.Currencies, out var amount, out _));
        Assert.Equal(1m + 2m + 1m, amount);
        Assert.Equal(3 * (estimate.PromptTokens + 1), estimate.Tokens);
    }

    private static GatewaySnapshot Snapshot(string models, string prices = "{}", string limits = "{}")
    {
        var json = $$"""{ "providers": {{Providers}}, "models": {{models}}, "prices": {{prices}}, "limits": {{limits}} }""";
        var config = GatewayConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "t.json");
        return GatewaySnapshotBuilder.Build(config, _ => null, DateTimeOffset.UnixEpoch);
    }

    private static CostEstimate Estimate(GatewaySnapshot snapshot, string alias, string body)
    {
        Assert.Null(RequestInspector.Inspect(Encoding.UTF8.GetBytes(body), UpstreamOperation.ChatCompletions, out var request));
        return CostEstimate.For(snapshot, snapshot.Routes[alias], UpstreamOperation.ChatCompletions, request);
    }
}
