using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.YandexGpt;

namespace Switchboard.Gateway.Tests.Providers.YandexGpt;

public sealed class YandexChatRequestTests
{
    [Fact]
    public void Write_ConsecutiveToolResults_AreMergedIntoOneUserMessageNamedByCallId()
    {
        var native = Translate("""
            {"messages":[{"role":"user","content":"q"},
              {"role":"assistant","tool_calls":[
                {"id":"a","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Tver\"}"}},
                {"id":"b","type":"function","function":{"name":"time","arguments":""}}]},
              {"role":"tool","tool_call_id":"b","content":"12:00"},
              {"role":"tool","tool_call_id":"a","content":[{"type":"text","text":"5°C"}]},
              {"role":"user","content":"thanks"}]}
            """);

        var messages = native["messages"]!.AsArray();
        Assert.Equal(4, messages.Count);
        var calls = messages[1]!["toolCallList"]!["toolCalls"]!.AsArray();
        Assert.Equal("Tver", calls[0]!["functionCall"]!["arguments"]!["city"]!.GetValue<string>());
        Assert.Empty(calls[1]!["functionCall"]!["arguments"]!.AsObject());
        Assert.Null(messages[1]!["text"]);
        var results = messages[2]!["toolResultList"]!["toolResults"]!.AsArray();
        Assert.Equal("user", messages[2]!["role"]!.GetValue<string>());
        Assert.Equal(["time", "weather"], results.Select(r => r!["functionResult"]!["name"]!.GetValue<string>()));
        Assert.Equal(["12:00", "5°C"], results.Select(r => r!["functionResult"]!["content"]!.GetValue<string>()));
        Assert.Equal("thanks", messages[3]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Write_AssistantTextWithToolCalls_IsSentAsTextThenToolCalls()
    {
        var native = Translate("""
            {"messages":[{"role":"assistant","content":"Let me check.","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{}"}}]}]}
            """);

        var messages = native["messages"]!.AsArray();
        Assert.Equal("Let me check.", messages[0]!["text"]!.GetValue<string>());
        Assert.NotNull(messages[1]!["toolCallList"]);
    }

    [Fact]
    public void Write_Options_AreTranslated()
    {
        var native = Translate("""
            {"temperature":0.25,"max_tokens":10,"max_completion_tokens":20,"reasoning_effort":"medium","parallel_tool_calls":false,
             "tool_choice":{"type":"function","function":{"name":"f"}},"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}},
             "messages":[{"role":"developer","content":"be brief"}]}
            """, stream: true);

        var options = native["completionOptions"]!;
        Assert.True(options["stream"]!.GetValue<bool>());
        Assert.Equal(0.25, options["temperature"]!.GetValue<double>());
        Assert.Equal("20", options["maxTokens"]!.GetValue<string>());
        Assert.Equal("ENABLED_HIDDEN", options["reasoningOptions"]!["mode"]!.GetValue<string>());
        Assert.False(native["parallelToolCalls"]!.GetValue<bool>());
        Assert.Equal("f", native["toolChoice"]!["functionName"]!.GetValue<string>());
        Assert.Equal("object", native["jsonSchema"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("system", native["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("gpt://f/yandexgpt/rc", native["modelUri"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"reasoning_effort\":\"minimal\",\"tool_choice\":\"required\"", "REQUIRED")]
    [InlineData("\"tool_choice\":\"none\"", "NONE")]
    public void Write_WithoutReasoningEffort_SendsNoReasoningOptions(string fields, string toolChoiceMode)
    {
        var native = Translate("{" + fields + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        Assert.Null(native["completionOptions"]!["reasoningOptions"]);
        Assert.Null(native["completionOptions"]!["maxTokens"]);
        Assert.Equal(toolChoiceMode, native["toolChoice"]!["mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x"}}]}]}""")]
    [InlineData("""{"messages":[{"role":"function","content":"x"}]}""")]
    [InlineData("""{"messages":[{"role":"tool","tool_call_id":"nobody","content":"x"}]}""")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"a","function":{"name":"f","arguments":"not json"}}]}]}""")]
    public void Write_WhatYandexCannotTake_ThrowsProviderException(string body)
    {
        Assert.Throws<ProviderException>(() => Translate(body));
    }

    private static JsonNode Translate(string openAi, bool stream = false) =>
        JsonNode.Parse(YandexChatRequest.Write(Encoding.UTF8.GetBytes(openAi), "gpt://f/yandexgpt/rc", stream))!;
}
