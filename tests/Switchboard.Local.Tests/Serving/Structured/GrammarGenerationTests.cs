using System.Text.Json;

namespace Switchboard.Local.Tests.Serving.Structured;

/// <summary>
/// The converter's grammars in the real llama.cpp on stories260K: each is accepted (the sampler throws on a
/// grammar it cannot parse) and greedy output has the schema's shape, whatever nonsense the tiny model means.
/// </summary>
public sealed class GrammarGenerationTests(StoriesModel stories) : IClassFixture<StoriesModel>
{
    [Fact]
    public void Enum_YieldsExactlyOneOfTheValues()
    {
        var (text, stats) = stories.Generate(JsonSchemaGrammarTests.Convert("""{"enum":["red","green","blue"]}"""));

        Assert.Contains(JsonSerializer.Deserialize<string>(text), new[] { "red", "green", "blue" });
        Assert.Equal("stop", stats.FinishReason);
    }

    [Fact]
    public void Const_YieldsTheValue()
    {
        var (text, _) = stories.Generate(JsonSchemaGrammarTests.Convert("""{"const":{"ok":true,"n":[1,2]}}"""));

        Assert.Equal("""{"ok":true,"n":[1,2]}""", text.Trim());
    }

    [Fact]
    public void Object_YieldsJsonWithTheRequiredKeysAndTypes()
    {
        var grammar = JsonSchemaGrammarTests.Convert("""
            {"type":"object","properties":{
              "name":{"type":"string","maxLength":12},
              "age":{"type":"integer"},
              "happy":{"type":"boolean"},
              "mood":{"enum":["glad","sad"]},
              "nickname":{"type":["string","null"],"maxLength":5}},
             "required":["name","age","happy","mood"]}
            """);

        var (text, stats) = stories.Generate(grammar, maxTokens: 300);

        Assert.Equal("stop", stats.FinishReason);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("name").ValueKind);
        Assert.True(root.GetProperty("name").GetString()!.Length <= 12);
        Assert.True(root.GetProperty("age").TryGetInt64(out _));
        Assert.Contains(root.GetProperty("happy").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Contains(root.GetProperty("mood").GetString(), new[] { "glad", "sad" });
        Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "name", "age", "happy", "mood", "nickname" }));
    }

    [Fact]
    public void Array_YieldsBetweenMinAndMaxItemsOfTheItemType()
    {
        var (text, _) = stories.Generate(JsonSchemaGrammarTests.Convert("""{"type":"array","items":{"type":"integer"},"minItems":2,"maxItems":4}"""));

        using var document = JsonDocument.Parse(text);
        Assert.InRange(document.RootElement.GetArrayLength(), 2, 4);
        Assert.All(document.RootElement.EnumerateArray(), item => Assert.True(item.TryGetInt64(out _)));
    }

    [Theory]
    [InlineData("""{"type":"number"}""", JsonValueKind.Number)]
    [InlineData("""{"type":"boolean"}""", JsonValueKind.True)] // true or false
    [InlineData("""{"type":"null"}""", JsonValueKind.Null)]
    [InlineData("""{"type":"string","maxLength":6}""", JsonValueKind.String)]
    [InlineData("""{"anyOf":[{"type":"integer"},{"type":"object","properties":{"x":{"const":1}},"required":["x"]}]}""", JsonValueKind.Number)]
    public void Primitive_YieldsAValueOfTheType(string schema, JsonValueKind kind)
    {
        var (text, _) = stories.Generate(JsonSchemaGrammarTests.Convert(schema));

        using var document = JsonDocument.Parse(text);
        var actual = document.RootElement.ValueKind;
        Assert.Equal(kind, actual == JsonValueKind.False ? JsonValueKind.True : actual);
    }

    [Theory]
    [InlineData("""{"type":"string","format":"date"}""")]
    [InlineData("""{"type":"string","format":"date-time"}""")]
    [InlineData("""{"type":"string","format":"uuid"}""")]
    [InlineData("""{"$ref":"#/definitions/tree","definitions":{"tree":{"type":"object","properties":{"leaf":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/definitions/tree"},"maxItems":1}},"required":["leaf"]}}}""")]
    public void OtherKeywords_AreAcceptedByLlamaCpp_AndYieldJson(string schema)
    {
        var (text, stats) = stories.Generate(JsonSchemaGrammarTests.Convert(schema), maxTokens: 300);

        Assert.True(stats.FinishReason == "stop", text);
        using var document = JsonDocument.Parse(text);
    }

    [Fact]
    public void AdditionalProperties_AreAcceptedByLlamaCpp_AfterTheDeclaredOnes()
    {
        // Extra keys are unbounded strings and stories260K never stops writing them: only the start is checked.
        var (text, _) = stories.Generate(JsonSchemaGrammarTests.Convert("""
            {"type":"object","properties":{"k":{"type":"string","maxLength":3}},"additionalProperties":{"type":"integer"},"required":["k"]}
            """), maxTokens: 40);

        Assert.Matches("""^\{\s*"k"\s*:\s*"[^"]{0,3}"\s*[,}]""", text);
    }
}
