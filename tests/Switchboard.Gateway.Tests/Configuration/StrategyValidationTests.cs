using System.Text;
using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Tests.Configuration;

public sealed class StrategyValidationTests
{
    [Theory]
    [InlineData("""{ "type": "fastests" }""", "models[1].strategy.type 'fastests' is not a strategy (known: single, fastest, hedge, consensus, compare)")]
    [InlineData("""{ "type": "fastest", "fanOut": 0 }""", "models[1].strategy.fanOut must be between 1 and 8")]
    [InlineData("""{ "type": "hedge", "hedgeAfterMs": -5 }""", "models[1].strategy.hedgeAfterMs must be zero or positive")]
    [InlineData("""{ "type": "hedge", "judge": "plain" }""", "models[1].strategy: members and judge belong to consensus and compare, not to hedge")]
    [InlineData("""{ "type": "compare", "members": ["ghost"] }""", "models[1].strategy.members[0] 'ghost' must be an alias served one deployment at a time")]
    [InlineData("""{ "type": "consensus", "members": ["plain"], "judge": "panel" }""", "models[1].strategy.judge 'panel' must be an alias served one deployment at a time")]
    public void InvalidStrategy_IsNamed(string strategy, string problem)
    {
        var error = Assert.Throws<ConfigValidationException>(() => Parse(strategy));

        Assert.Contains(problem, error.Problems);
    }

    [Fact]
    public void ConsensusOfMembers_NeedsNoDeploymentsOfItsOwn()
    {
        var config = Parse("""{ "type": "consensus", "members": ["plain", "plain"], "judge": "plain", "fanOut": 2 }""");

        var panel = Assert.Single(config.Models, m => m.Alias == "panel");
        Assert.Equal("consensus", panel.Strategy!.Type);
        Assert.True(AggregationStrategy.ByName.ContainsKey(panel.Strategy.Type));
    }

    private static GatewayConfig Parse(string strategy)
    {
        var deployments = strategy.Contains("members", StringComparison.Ordinal) ? "" : """, "deployments": [ { "provider": "p", "model": "m" } ]""";
        var json = $$"""
            { "providers": [ { "name": "p", "baseUrl": "http://x/v1" } ],
              "models": [ { "alias": "plain", "deployments": [ { "provider": "p", "model": "m" } ] },
                          { "alias": "panel", "strategy": {{strategy}}{{deployments}} } ] }
            """;
        return GatewayConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "t.json");
    }
}
