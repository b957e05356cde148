using System.Text;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Tests.Configuration;

public sealed class GatewayConfigLoaderTests
{
    [Fact]
    public void Parse_IssueShapedFile_IsValidWithDefaults()
    {
        var config = Parse("""
            { "providers": [ { "name": "stub", "type": "openai", "baseUrl": "http://127.0.0.1:9001/v1", "apiKey": "env:VAR" } ],
              "models":    [ { "alias": "gpt-test", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] } ] }
            """);

        Assert.Equal("stub", config.Providers[0].Name);
        Assert.Equal("upstream-model", config.Models[0].Deployments[0].Model);
        Assert.Equal(GatewayOptions.DefaultMaxRequestBodyBytes, config.Gateway.MaxRequestBodyBytes);
        Assert.Equal(300, config.Gateway.UpstreamTimeoutSeconds);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAllowed()
    {
        var config = Parse("""
            { // comment
              "providers": [ { "name": "a", "baseUrl": "https://x.example/v1", }, ],
              "models": [],
            }
            """);

        Assert.Equal("openai", config.Providers[0].Type);
    }

    [Theory]
    [InlineData("""{ "providers": [ { "name": "a", "baseUrl": "http://x/v1" }, { "name": "a", "baseUrl": "http://y/v1" } ] }""", "providers[1].name 'a' is used by more than one provider")]
    [InlineData("""{ "providers": [ { "name": "", "baseUrl": "http://x/v1" } ] }""", "providers[0].name is required")]
    [InlineData("""{ "providers": [ { "name": "a", "baseUrl": "/relative" } ] }""", "providers[0].baseUrl must be an absolute http or https URL")]
    [InlineData("""{ "providers": [ { "name": "a", "baseUrl": "http://x/v1", "apiKey": "env:" } ] }""", "providers[0].apiKey 'env:' must name an environment variable")]
    [InlineData("""{ "models": [ { "alias": "m", "deployments": [] } ] }""", "models[0].deployments must list at least one deployment")]
    [InlineData("""{ "models": [ { "alias": "m", "deployments": [ { "provider": "ghost", "model": "x" } ] } ] }""", "models[0].deployments[0].provider 'ghost' is not a configured provider")]
    [InlineData("""{ "providers": [ { "name": "a", "baseUrl": "http://x/v1" } ], "models": [ { "alias": "m", "deployments": [ { "provider": "a", "model": "" } ] }, { "alias": "m", "deployments": [ { "provider": "a", "model": "x" } ] } ] }""", "models[1].alias 'm' is defined more than once")]
    [InlineData("""{ "gateway": { "maxRequestBodyBytes": 0 } }""", "gateway.maxRequestBodyBytes must be positive")]
    [InlineData("""{ "gateway": { "upstreamTimeoutSeconds": -1 } }""", "gateway.upstreamTimeoutSeconds must be between 0 and 86400")]
    public void Parse_InvalidConfig_NamesTheProblem(string json, string problem)
    {
        var error = Assert.Throws<ConfigValidationException>(() => Parse(json));

        Assert.Contains(problem, error.Problems);
    }

    [Theory]
    [InlineData("""{ "provders": [] }""", "provders")]
    [InlineData("""{ "models": [ { "alias": "m", "deploymnets": [] } ] }""", "deploymnets")]
    [InlineData("{\n \"providers\": [ } ", "line 2")]
    [InlineData("""{ "providers": "none" }""", "$.providers")]
    public void Parse_SchemaErrors_NameTheLocation(string json, string location)
    {
        var error = Assert.Throws<ConfigValidationException>(() => Parse(json));

        Assert.Contains(location, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryProblemIsReportedAtOnce()
    {
        var error = Assert.Throws<ConfigValidationException>(() => Parse("""
            { "providers": [ { "name": "a", "type": "soap", "baseUrl": "x" } ], "models": [ { "alias": "", "deployments": [] } ] }
            """));

        Assert.Equal(4, error.Problems.Count);
    }

    private static GatewayConfig Parse(string json) => GatewayConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "test.json");
}
