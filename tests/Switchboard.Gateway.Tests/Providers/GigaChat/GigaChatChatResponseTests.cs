using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.GigaChat;

namespace Switchboard.Gateway.Tests.Providers.GigaChat;

public sealed class GigaChatChatResponseTests
{
    private static JsonNode Translate(string native) => JsonNode.Parse(GigaChatChatResponse.Translate(Encoding.UTF8.GetBytes(native), "chatcmpl-1"))!;

    [Fact]
    public void FunctionCall_BecomesAToolCallWithJsonStringArguments()
    {
        var openAi = Translate("""
            {"choices":[{"message":{"role":"assistant","content":"","function_call":{"name":"f","arguments":{"a":[1,2]}},"functions_state_id":"s"},"index":0,"finish_reason":"function_call"}],
             "created":5,"model":"GigaChat:1","object":"chat.completion","usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}
            """);

        var message = openAi["choices"]![0]!["message"]!;
        Assert.Null(message["content"]);
        var call = message["tool_calls"]![0]!;
        Assert.StartsWith("call_", call["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("f", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"a":[1,2]}""", call["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", openAi["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}"""), openAi["usage"]));
        Assert.Equal("chatcmpl-1", openAi["id"]!.GetValue<string>());
        Assert.Equal(5, openAi["created"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("blacklist", "content_filter")]
    [InlineData("function_call", "tool_calls")]
    public void FinishReasons_AreOpenAis(string native, string openAi)
    {
        var translated = Translate($$"""{"choices":[{"message":{"role":"assistant","content":"x"},"index":0,"finish_reason":"{{native}}"}],"created":1,"model":"m"}""");

        Assert.Equal(openAi, translated["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("x", translated["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void NotJson_Throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Translate("<html>bad gateway</html>"));
    }
}
