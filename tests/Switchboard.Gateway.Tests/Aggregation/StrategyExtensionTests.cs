using System.Text;
using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Aggregation;

public sealed class StrategyExtensionTests
{
    [Theory]
    [InlineData("""{"switchboard":{"strategy":"compare"},"model":"m","messages":[]}""", """{"model":"m","messages":[]}""")]
    [InlineData("""{"model":"m","messages":[],"switchboard":{"strategy":"compare"}}""", """{"model":"m","messages":[]}""")]
    [InlineData("""{"model":"m","switchboard":{"strategy":"compare"},"messages":[]}""", """{"model":"m","messages":[]}""")]
    [InlineData("{ \"model\": \"m\", \"messages\": [] ,\n  \"switchboard\" : { \"strategy\": \"compare\" } }", """{ "model": "m", "messages": []  }""")]
    [InlineData("""{"model":"m","sw\u0069tchboard":{"models":["{"]},"messages":[]}""", """{"model":"m","messages":[]}""")]
    public void Strip_RemovesThePropertyAndOneSeparatingComma(string json, string expected)
    {
        var body = Encoding.UTF8.GetBytes(json);
        Assert.Null(RequestInspector.Inspect(body, UpstreamOperation.ChatCompletions, out var request));

        var stripped = StrategyExtension.Strip(body, request);

        Assert.Equal(expected, Encoding.UTF8.GetString(stripped));
        Assert.Null(RequestInspector.Inspect(stripped, UpstreamOperation.ChatCompletions, out var again));
        Assert.False(again.HasExtension);
    }

    [Fact]
    public void Parse_FieldsLeftOut_ComeFromTheAliasWhenItHasTheSameStrategy()
    {
        var configured = new AggregationStrategy(StrategyKind.Consensus, 3, null, ["a", "b", "c"], "judge");

        var strategy = Parse("""{"strategy":"consensus","fan_out":2}""", configured);

        Assert.Equal(StrategyKind.Consensus, strategy.Kind);
        Assert.Equal(2, strategy.FanOut);
        Assert.Equal(["a", "b", "c"], strategy.Members);
        Assert.Equal("judge", strategy.Judge);
    }

    [Fact]
    public void Parse_AnotherStrategy_StartsFromItsDefaults()
    {
        var configured = new AggregationStrategy(StrategyKind.Consensus, 3, null, ["a", "b"], "judge");

        var strategy = Parse("""{"strategy":"hedge","hedge_after_ms":250}""", configured);

        Assert.Equal(StrategyKind.Hedge, strategy.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(250), strategy.HedgeAfter);
        Assert.Empty(strategy.Members);
        Assert.Null(strategy.Judge);
    }

    [Theory]
    [InlineData("""{"strategy":3}""", "switchboard.strategy")]
    [InlineData("""{"fan_out":9}""", "switchboard.fan_out")]
    [InlineData("""{"hedge_after_ms":-1}""", "switchboard.hedge_after_ms")]
    [InlineData("""{"strategy":"compare","models":[]}""", "switchboard.models")]
    [InlineData("""{"strategy":"compare","judge":""}""", "switchboard.judge")]
    [InlineData("""{"strategy":"hedge","judge":"j"}""", "switchboard.judge")]
    [InlineData("""{"stratgy":"hedge"}""", "switchboard.stratgy")]
    public void Parse_BadField_IsNamed(string extension, string param)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"model":"m","switchboard":{{extension}},"messages":[]}""");
        Assert.Null(RequestInspector.Inspect(body, UpstreamOperation.ChatCompletions, out var request));

        var error = StrategyExtension.Parse(body, request, AggregationStrategy.Single, out _);

        Assert.Equal(400, error!.Status);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void Inspect_ANonObjectExtension_IsRefused()
    {
        var error = RequestInspector.Inspect("""{"model":"m","switchboard":"compare","messages":[]}"""u8, UpstreamOperation.ChatCompletions, out _);

        Assert.Equal("switchboard", error!.Param);
    }

    private static AggregationStrategy Parse(string extension, AggregationStrategy configured)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"model":"m","switchboard":{{extension}},"messages":[]}""");
        Assert.Null(RequestInspector.Inspect(body, UpstreamOperation.ChatCompletions, out var request));
        Assert.Null(StrategyExtension.Parse(body, request, configured, out var strategy));
        return strategy;
    }
}
