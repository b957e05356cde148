using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.YandexGpt;

namespace Switchboard.Gateway.Tests.Providers.YandexGpt;

public sealed class YandexChatResponseTests
{
    [Theory]
    [InlineData("ALTERNATIVE_STATUS_FINAL", "stop")]
    [InlineData("ALTERNATIVE_STATUS_TRUNCATED_FINAL", "length")]
    [InlineData("ALTERNATIVE_STATUS_TOOL_CALLS", "tool_calls")]
    [InlineData("ALTERNATIVE_STATUS_CONTENT_FILTER", "content_filter")]
    [InlineData("ALTERNATIVE_STATUS_PARTIAL", null)]
    public void FinishReason_MapsEveryStatus(string status, string? finishReason) =>
        Assert.Equal(finishReason, YandexChatResponse.FinishReason(status));

    [Fact]
    public void Translate_UsageAsStringsOrNumbers_IsExact()
    {
        var completion = Translate("""
            {"result":{"alternatives":[{"message":{"role":"assistant","text":"hi"},"status":"ALTERNATIVE_STATUS_FINAL"}],
             "usage":{"inputTextTokens":"19","completionTokens":6,"totalTokens":"25","completionTokensDetails":{"reasoningTokens":"2"}}}}
            """);

        var usage = completion["usage"]!;
        Assert.Equal(19, usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(6, usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(25, usage["total_tokens"]!.GetValue<int>());
        Assert.Equal(2, usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
        Assert.Equal("id-1", completion["id"]!.GetValue<string>());
        Assert.Equal("m", completion["model"]!.GetValue<string>());
    }

    [Fact]
    public void Translate_BareOperationResponse_WithoutReasoningDetails_HasNoDetails()
    {
        var completion = Translate("""
            {"alternatives":[{"message":{"role":"assistant","text":"hi"},"status":"ALTERNATIVE_STATUS_FINAL"}],"usage":{"inputTextTokens":"1","completionTokens":"1"}}
            """);

        Assert.Equal("hi", completion["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Null(completion["usage"]!["completion_tokens_details"]);
    }

    [Fact]
    public void Translate_ToolCalls_HaveIdsAndJsonStringArgumentsAndNullContent()
    {
        var completion = Translate("""
            {"result":{"alternatives":[{"message":{"role":"assistant","toolCallList":{"toolCalls":[
              {"functionCall":{"name":"a","arguments":{"x":[1,2]}}},{"functionCall":{"name":"b"}}]}},"status":"ALTERNATIVE_STATUS_TOOL_CALLS"}]}}
            """);

        var message = completion["choices"]![0]!["message"]!;
        Assert.Null(message["content"]);
        var calls = message["tool_calls"]!.AsArray();
        Assert.Equal("""{"x":[1,2]}""", calls[0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("{}", calls[1]!["function"]!["arguments"]!.GetValue<string>());
        Assert.NotEqual(calls[0]!["id"]!.GetValue<string>(), calls[1]!["id"]!.GetValue<string>());
        Assert.Equal("tool_calls", completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public void Translate_NotJson_IsAnIOException() =>
        Assert.Throws<IOException>(() => YandexChatResponse.Translate("<html>"u8.ToArray(), "id", 1, "m"));

    private static JsonNode Translate(string native) => JsonNode.Parse(YandexChatResponse.Translate(Encoding.UTF8.GetBytes(native), "id-1", 1700000000, "m"))!;
}
