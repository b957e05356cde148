using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.Anthropic;

namespace Switchboard.Gateway.Tests.Providers.Anthropic;

public sealed class AnthropicResponseTranslatorTests
{
    [Fact]
    public void Translate_TextBlocks_AreConcatenated_AndTheShapeIsAChatCompletion()
    {
        var completion = Translate("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-y","content":[{"type":"thinking","thinking":"hmm","signature":"s"},
              {"type":"text","text":"Hello, "},{"type":"text","text":"world"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"output_tokens":3}}
            """);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"id":"chatcmpl-msg_1","object":"chat.completion","created":1700000000,"model":"claude-y",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello, world"},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}}
            """), completion), completion.ToJsonString());
    }

    [Fact]
    public void Translate_ToolUseBlocksOnly_GiveNullContentAndToolCallsWithCompactArguments()
    {
        var completion = Translate("""
            {"id":"msg_2","content":[{"type":"tool_use","id":"toolu_1","name":"a","input":{ "x": 1 }},{"type":"tool_use","id":"toolu_2","name":"b","input":{}}],
             "stop_reason":"tool_use","usage":{"input_tokens":5,"output_tokens":2,"cache_creation_input_tokens":7,"cache_read_input_tokens":11}}
            """);

        var message = completion["choices"]![0]!["message"]!;
        Assert.Null(message["content"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"id":"toolu_1","type":"function","function":{"name":"a","arguments":"{\"x\":1}"}},
             {"id":"toolu_2","type":"function","function":{"name":"b","arguments":"{}"}}]
            """), message["tool_calls"]), message["tool_calls"]!.ToJsonString());
        Assert.Equal("tool_calls", completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("claude-fallback", completion["model"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"prompt_tokens":23,"completion_tokens":2,"total_tokens":25,"prompt_tokens_details":{"cached_tokens":11}}
            """), completion["usage"]), completion["usage"]!.ToJsonString());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    public void ToFinishReason_MapsEveryStopReason(string stopReason, string finishReason) =>
        Assert.Equal(finishReason, AnthropicStopReasons.ToFinishReason(stopReason));

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"id":"msg_3"}""")]
    public void Translate_SomethingElseThanAMessage_ReadsAsABrokenResponse(string native) =>
        Assert.Throws<IOException>(() => AnthropicResponseTranslator.Translate(Encoding.UTF8.GetBytes(native), 1, "m"));

    private static JsonObject Translate(string native) =>
        JsonNode.Parse(AnthropicResponseTranslator.Translate(Encoding.UTF8.GetBytes(native), 1700000000, "claude-fallback"))!.AsObject();
}
