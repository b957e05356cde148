using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.GigaChat;

namespace Switchboard.Gateway.Tests.Providers.GigaChat;

public sealed class GigaChatChatRequestTests
{
    private static JsonNode Build(string openAi, bool stream = false) =>
        JsonNode.Parse(GigaChatChatRequest.Build(Encoding.UTF8.GetBytes(openAi), "GigaChat", stream))!;

    private const string Tool = """{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{}}}}""";

    [Theory]
    [InlineData("\"auto\"", "\"auto\"")]
    [InlineData("\"required\"", "\"auto\"")]
    [InlineData("\"none\"", "\"none\"")]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", """{"name":"f"}""")]
    public void ToolChoice_BecomesFunctionCall(string toolChoice, string functionCall)
    {
        var native = Build($$"""{"messages":[{"role":"user","content":"x"}],"tools":[{{Tool}}],"tool_choice":{{toolChoice}}}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(functionCall), native["function_call"]));
    }

    [Fact]
    public void NoTools_SendsNeitherFunctionsNorFunctionCall()
    {
        var native = Build("""{"messages":[{"role":"developer","content":"be brief"},{"role":"user","content":"x"}],"frequency_penalty":1}""", stream: true);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"model":"GigaChat","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"x"}],"stream":true}
            """), native));
    }

    [Fact]
    public void ToolWithoutParameters_GetsAnEmptyObjectSchema()
    {
        var native = Build("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"now"}}]}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"now","parameters":{"type":"object","properties":{}}}]"""), native["functions"]));
        Assert.Equal("auto", native["function_call"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sunny", """{"result":"sunny"}""")]
    [InlineData("[1,2]", """{"result":"[1,2]"}""")]
    [InlineData("""{"t":5}""", """{"t":5}""")]
    public void ToolResult_IsAJsonObjectString(string result, string expected)
    {
        Assert.Equal(expected, GigaChatChatRequest.FunctionResultContent(result));
    }

    [Fact]
    public void SeveralToolCalls_OnlyTheFirstAndItsResultAreSent()
    {
        var native = Build("""
            {"messages":[
              {"role":"user","content":"x"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"a","type":"function","function":{"name":"first","arguments":"{\"n\":1}"}},
                {"id":"b","type":"function","function":{"name":"second","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"a","content":"one"},
              {"role":"tool","tool_call_id":"b","content":"two"}]}
            """);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"role":"user","content":"x"},
             {"role":"assistant","content":"","function_call":{"name":"first","arguments":{"n":1}}},
             {"role":"function","name":"first","content":"{\"result\":\"one\"}"}]
            """), native["messages"]));
    }

    [Fact]
    public void ImageContent_CannotBeSent()
    {
        var error = Assert.Throws<ProviderException>(() =>
            Build("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}"""));

        Assert.Equal("unusable", error.ErrorType);
        Assert.Contains("image_url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolCallArgumentsThatAreNotJson_CannotBeSent()
    {
        var error = Assert.Throws<ProviderException>(() => Build("""
            {"messages":[{"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"not json"}}]}]}
            """));

        Assert.Contains("are not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolResultForAnUnknownCall_CannotBeSent()
    {
        Assert.Throws<ProviderException>(() => Build("""{"messages":[{"role":"tool","tool_call_id":"nobody","content":"x"}]}"""));
    }

    [Fact]
    public void LegacyFunctions_PassAsTheyAre()
    {
        var native = Build("""
            {"messages":[{"role":"user","content":"x"},{"role":"assistant","function_call":{"name":"f","arguments":"{}"}},{"role":"function","name":"f","content":"{}"}],
             "functions":[{"name":"f","parameters":{}}],"function_call":{"name":"f"}}
            """);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"f","parameters":{}}]"""), native["functions"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"f"}"""), native["function_call"]));
        Assert.Equal("function", native["messages"]![2]!["role"]!.GetValue<string>());
    }
}
