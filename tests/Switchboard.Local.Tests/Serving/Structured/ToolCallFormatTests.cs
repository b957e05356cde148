using System.Text.Json;
using Switchboard.Local.Serving.Structured;

namespace Switchboard.Local.Tests.Serving.Structured;

/// <summary>Tool calls: the prompt, the grammar on stories260K for each tool_choice, and reading calls back.</summary>
public sealed class ToolCallFormatTests(StoriesModel stories) : IClassFixture<StoriesModel>
{
    private static readonly ToolDefinition Weather = Tool("get_weather", "The weather in a city.", """
        {"type":"object","properties":{"city":{"type":"string","maxLength":10},"unit":{"enum":["c","f"]}},"required":["city","unit"]}
        """);

    private static readonly ToolDefinition Time = Tool("get_time", null, """{"type":"object","properties":{"zone":{"type":"integer"}},"required":["zone"]}""");

    [Fact]
    public void Required_OnStories260K_YieldsCallsOfOfferedToolsWithArgumentsOfTheirShape()
    {
        var format = new ToolCallFormat([Weather, Time], new ToolChoice(ToolChoiceMode.Required), parallel: false);

        var (text, stats) = stories.Generate(format.Grammar()!, maxTokens: 300, prompt: format.Instructions() + "\nWhat is the weather in Paris?\n");
        var calls = ToolCallFormat.Parse(text);

        Assert.Equal("stop", stats.FinishReason);
        var call = Assert.Single(calls!);
        Assert.Contains(call.Name, new[] { "get_weather", "get_time" });
        using var arguments = JsonDocument.Parse(call.ArgumentsJson);
        if (call.Name == "get_weather")
        {
            Assert.True(arguments.RootElement.GetProperty("city").GetString()!.Length <= 10);
            Assert.Contains(arguments.RootElement.GetProperty("unit").GetString(), new[] { "c", "f" });
        }
        else
        {
            Assert.True(arguments.RootElement.GetProperty("zone").TryGetInt64(out _));
        }
    }

    [Fact]
    public void NamedFunction_OnStories260K_YieldsACallToThatFunction()
    {
        var format = new ToolCallFormat([Weather, Time], new ToolChoice(ToolChoiceMode.Function, "get_time"));

        var (text, _) = stories.Generate(format.Grammar()!, maxTokens: 300);
        var call = Assert.Single(ToolCallFormat.Parse(text)!);

        Assert.Equal("get_time", call.Name);
        using var arguments = JsonDocument.Parse(call.ArgumentsJson);
        Assert.True(arguments.RootElement.GetProperty("zone").TryGetInt64(out _));
        Assert.Single(arguments.RootElement.EnumerateObject());
    }

    [Fact]
    public void Auto_OnStories260K_IsAcceptedByLlamaCpp_AndAStoryStaysText()
    {
        var format = new ToolCallFormat([Weather], ToolChoice.Auto);

        var (text, _) = stories.Generate(format.Grammar()!, maxTokens: 30);

        Assert.NotEmpty(text.Trim());
        Assert.Null(ToolCallFormat.Parse(text));
    }

    [Fact]
    public void None_HasNoGrammar()
    {
        Assert.Null(new ToolCallFormat([Weather], new ToolChoice(ToolChoiceMode.None)).Grammar());
    }

    [Fact]
    public void UnknownNamedFunction_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ToolCallFormat([Weather], new ToolChoice(ToolChoiceMode.Function, "nope")));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instructions_NameEachToolAndTheOutputForm()
    {
        var text = new ToolCallFormat([Weather, Time], ToolChoice.Auto).Instructions();

        Assert.Contains("get_weather: The weather in a city.", text, StringComparison.Ordinal);
        Assert.Contains("get_time", text, StringComparison.Ordinal);
        Assert.Contains("""{"tool_calls":[{"name":""", text, StringComparison.Ordinal);
        Assert.Contains("plain text", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""  {"tool_calls":[{"name":"a","arguments":{"x": 1}},{"name":"b","arguments":{}}]} """, "a:{\"x\":1}|b:{}")]
    [InlineData("Once upon a time", null)]
    [InlineData("""{"tool_calls":[{"name":"a","argu""", null)]
    [InlineData("""{"answer":42}""", null)]
    public void Parse_ReadsCalls_OrNullForText(string output, string? expected)
    {
        var calls = ToolCallFormat.Parse(output);

        Assert.Equal(expected, calls is null ? null : string.Join('|', calls.Select(c => $"{c.Name}:{c.ArgumentsJson}")));
    }

    private static ToolDefinition Tool(string name, string? description, string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        return new ToolDefinition(name, description, document.RootElement.Clone());
    }
}
