using System.Text;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Tests.Configuration;

public sealed class ClassifyValidationTests
{
    [Theory]
    [InlineData("""{ "rules": [ { "keywords": ["x"], "alias": "ghost" } ], "default": "plain" }""", "models[1].classify.rules[0].alias 'ghost' must be an alias with deployments")]
    [InlineData("""{ "rules": [ { "keywords": ["x"], "alias": "plain" } ], "default": "router" }""", "models[1].classify.default 'router' must be an alias with deployments")]
    [InlineData("""{ "rules": [ { "alias": "plain" } ], "default": "plain" }""", "models[1].classify.rules[0] needs non-empty keywords or a pattern")]
    [InlineData("""{ "llm": { "model": "ghost", "labels": [ { "label": "a", "alias": "plain" } ] }, "default": "plain" }""", "models[1].classify.llm.model 'ghost' must be an alias with deployments")]
    [InlineData("""{ "llm": { "model": "plain", "labels": [] }, "default": "plain" }""", "models[1].classify.llm needs at least one label and timeoutSeconds > 0")]
    [InlineData("""{ "llm": { "model": "plain", "labels": [ { "label": "a", "alias": "plain" }, { "label": "A", "alias": "plain" } ] }, "default": "plain" }""", "models[1].classify.llm.labels[1].label 'A' must be one word, different from the other labels")]
    [InlineData("""{ "llm": { "model": "plain", "labels": [ { "label": "two words", "alias": "router" } ] }, "default": "plain" }""", "models[1].classify.llm.labels[0].alias 'router' must be an alias with deployments")]
    public void InvalidClassify_IsNamed(string classify, string problem)
    {
        var json = $$"""
            { "providers": [ { "name": "p", "baseUrl": "http://x/v1" } ],
              "models": [ { "alias": "plain", "deployments": [ { "provider": "p", "model": "m" } ] },
                          { "alias": "router", "classify": {{classify}} } ] }
            """;

        var error = Assert.Throws<ConfigValidationException>(() => GatewayConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "t.json"));

        Assert.Contains(problem, error.Problems);
    }

    [Fact]
    public void BadPattern_IsNamed()
    {
        const string json = """
            { "providers": [ { "name": "p", "baseUrl": "http://x/v1" } ],
              "models": [ { "alias": "plain", "deployments": [ { "provider": "p", "model": "m" } ] },
                          { "alias": "router", "classify": { "rules": [ { "pattern": "(unclosed", "alias": "plain" } ], "default": "plain" } } ] }
            """;

        var error = Assert.Throws<ConfigValidationException>(() => GatewayConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "t.json"));

        Assert.Contains(error.Problems, p => p.StartsWith("models[1].classify.rules[0].pattern is not a valid regular expression", StringComparison.Ordinal));
    }
}
