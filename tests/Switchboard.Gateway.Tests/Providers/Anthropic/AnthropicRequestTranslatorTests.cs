using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.Anthropic;

namespace Switchboard.Gateway.Tests.Providers.Anthropic;

public sealed class AnthropicRequestTranslatorTests
{
    [Fact]
    public void Translate_MinimalRequest_UsesTheDeploymentModelTheDefaultMaxTokensAndStringContent()
    {
        var body = Translate("""{"model":"alias","messages":[{"role":"user","content":"Hello"}]}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"model":"claude-x","max_tokens":4096,"messages":[{"role":"user","content":"Hello"}]}"""), body),
            body.ToJsonString());
    }

    [Theory]
    [InlineData("""{"max_tokens":100}""", 100)]
    [InlineData("""{"max_completion_tokens":200}""", 200)]
    [InlineData("""{"max_tokens":100,"max_completion_tokens":200}""", 200)]
    public void Translate_MaxTokens_PrefersMaxCompletionTokens(string fields, int expected)
    {
        var request = JsonNode.Parse(fields)!.AsObject();
        request["messages"] = JsonNode.Parse("""[{"role":"user","content":"x"}]""");

        Assert.Equal(expected, Translate(request.ToJsonString())["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void Translate_SystemAndDeveloperMessages_AreJoinedIntoTopLevelSystem()
    {
        var body = Translate("""
            {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
              {"role":"developer","content":[{"type":"text","text":"Use French."}]}]}
            """);

        Assert.Equal("Be brief.\n\nUse French.", body["system"]!.GetValue<string>());
        Assert.Single(body["messages"]!.AsArray());
    }

    [Fact]
    public void Translate_ConsecutiveSameRoleMessages_AreMergedIntoOneTurnOfBlocks()
    {
        var body = Translate("""{"messages":[{"role":"user","content":"one"},{"role":"user","content":"two"},{"role":"assistant","content":"three"}]}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},{"role":"assistant","content":"three"}]
            """), body["messages"]), body["messages"]!.ToJsonString());
    }

    [Fact]
    public void Translate_AssistantToolCallWithEmptyArguments_SendsAnEmptyInputObject()
    {
        var body = Translate("""
            {"messages":[{"role":"user","content":"now"},
              {"role":"assistant","content":"Checking.","tool_calls":[{"id":"t1","type":"function","function":{"name":"clock","arguments":""}}]},
              {"role":"tool","tool_call_id":"t1","content":[{"type":"text","text":"12:00"}]}]}
            """);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"role":"user","content":"now"},
             {"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"t1","name":"clock","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"12:00"}]}]
            """), body["messages"]), body["messages"]!.ToJsonString());
    }

    [Theory]
    [InlineData("\"auto\"", false, """{"type":"auto"}""")]
    [InlineData("\"required\"", false, """{"type":"any"}""")]
    [InlineData("\"none\"", false, """{"type":"none"}""")]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", false, """{"type":"tool","name":"f"}""")]
    [InlineData("\"required\"", true, """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("\"none\"", true, """{"type":"none"}""")]
    [InlineData(null, true, """{"type":"auto","disable_parallel_tool_use":true}""")]
    public void Translate_ToolChoice_MapsToTheMessagesApiChoice(string? choice, bool serial, string expected)
    {
        var request = JsonNode.Parse("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}]}""")!.AsObject();
        if (choice is not null)
        {
            request["tool_choice"] = JsonNode.Parse(choice);
        }

        if (serial)
        {
            request["parallel_tool_calls"] = false;
        }

        var body = Translate(request.ToJsonString());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), body["tool_choice"]), body["tool_choice"]?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"f","input_schema":{"type":"object","properties":{}}}]"""), body["tools"]));
    }

    [Fact]
    public void Translate_ToolChoiceWithoutTools_IsNotSent()
    {
        var body = Translate("""{"messages":[{"role":"user","content":"x"}],"tool_choice":"auto","tools":[]}""");

        Assert.Null(body["tools"]);
        Assert.Null(body["tool_choice"]);
    }

    [Fact]
    public void Translate_StopStringStreamAndUser_AreMapped_AndUnknownFieldsDropped()
    {
        var body = Translate("""
            {"messages":[{"role":"user","content":"x"}],"stop":"END","stream":true,"stream_options":{"include_usage":true},"user":"u1",
             "seed":1,"frequency_penalty":1,"response_format":{"type":"json_object"},"n":1,"logprobs":true}
            """);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"model":"claude-x","max_tokens":4096,"messages":[{"role":"user","content":"x"}],"stop_sequences":["END"],"metadata":{"user_id":"u1"},"stream":true}
            """), body), body.ToJsonString());
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"n":2}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AA==","format":"wav"}}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://example.com/a.png"}}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}]}""")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"[1]"}}]}]}""")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{not json"}}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"custom","custom":{"name":"c"}}]}""")]
    [InlineData("""{"messages":[{"role":"function","content":"x"}]}""")]
    [InlineData("""{"messages":"x"}""")]
    public void Translate_WhatTheApiCannotTake_IsRefusedAsUnusable(string request)
    {
        var refused = Assert.Throws<ProviderException>(() => Translate(request));

        Assert.Equal("unusable", refused.ErrorType);
    }

    private static JsonObject Translate(string openAi) =>
        JsonNode.Parse(AnthropicRequestTranslator.Translate(Encoding.UTF8.GetBytes(openAi), "claude-x", AnthropicAdapter.DefaultMaxTokens))!.AsObject();
}
