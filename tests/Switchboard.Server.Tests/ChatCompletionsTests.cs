using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ChatCompletionsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly ChatMessage[] Hello = [new UserChatMessage("Hello")];

    [Fact]
    public async Task CompleteChat_WithOpenAiSdk_RelaysToUpstreamWithUpstreamModelAndKey()
    {
        var client = fixture.Server.OpenAi().GetChatClient("gpt-test");

        ChatCompletion completion = await client.CompleteChatAsync(Hello);

        Assert.Equal("hello from upstream-model", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(11, completion.Usage.InputTokenCount);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        var upstream = fixture.Stub.Requests.Last(r => r.Json["messages"]?[0]?["content"]?.GetValue<string>() == "Hello");
        Assert.Equal("upstream-model", upstream.Model);
        Assert.Equal("Bearer " + GatewayServer.UpstreamKey, upstream.Authorization);
    }

    [Fact]
    public async Task CompleteChatStreaming_WithOpenAiSdk_StreamsContentAndUsage()
    {
        var client = fixture.Server.OpenAi().GetChatClient("gpt-test");
        var text = "";
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync(Hello))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("part0 part1 part2 ", text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(11, usage.InputTokenCount);
        Assert.Equal(5, usage.OutputTokenCount);
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_HidesInjectedUsageChunkButUpstreamWasAskedForIt()
    {
        using var response = await PostAsync(new JsonObject { ["model"] = "gpt-test", ["stream"] = true, ["messages"] = Messages() });
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.Equal(6, events.Count); // role, 3 parts, finish, [DONE]
        var upstream = Assert.Single(fixture.UpstreamRequestsFor(response));
        Assert.True(upstream.Json["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Stream_WithIncludeUsageFalseAndOtherOptions_KeepsOtherOptionsAndHidesUsage()
    {
        using var response = await PostAsync(new JsonObject
        {
            ["model"] = "gpt-test", ["stream"] = true, ["messages"] = Messages(),
            ["stream_options"] = new JsonObject { ["include_usage"] = false, ["x_option"] = "kept" },
        });
        var events = await Sse.ReadDataAsync(response);

        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
        var upstream = Assert.Single(fixture.UpstreamRequestsFor(response));
        Assert.True(upstream.Json["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal("kept", upstream.Json["stream_options"]!["x_option"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_WithIncludeUsage_PassesUsageChunkThrough()
    {
        using var response = await PostAsync(new JsonObject
        {
            ["model"] = "gpt-test", ["stream"] = true, ["messages"] = Messages(),
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        });
        var events = await Sse.ReadDataAsync(response);

        var usage = JsonNode.Parse(events[^2])!;
        Assert.Equal(16, usage["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Empty(usage["choices"]!.AsArray());
    }

    [Fact]
    public async Task CompleteChat_WithTools_ReturnsToolCalls()
    {
        var client = fixture.Server.OpenAi().GetChatClient("tools");
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather by city", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")) },
            ToolChoice = ChatToolChoice.CreateAutoChoice(),
        };

        ChatCompletion completion = await client.CompleteChatAsync(Hello, options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("""{"city":"Moscow"}""", call.FunctionArguments.ToString());
        var upstream = fixture.Stub.Requests.Last(r => r.Model == "tools" && r.Json["stream"] is null);
        Assert.Equal("get_weather", upstream.Json["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("auto", upstream.Json["tool_choice"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChatStreaming_WithTools_AssemblesToolCallDeltas()
    {
        var client = fixture.Server.OpenAi().GetChatClient("tools");
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather by city") } };
        var name = "";
        var arguments = "";
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync(Hello, options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                name += call.FunctionName;
                arguments += call.FunctionArgumentsUpdate?.ToString();
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("get_weather", name);
        Assert.Equal("""{"city":"Moscow"}""", arguments);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task CompleteChat_SamplingAndFormatParameters_ReachUpstreamUnchanged()
    {
        var request = new JsonObject
        {
            ["model"] = "gpt-test",
            ["messages"] = Messages(),
            ["response_format"] = new JsonObject { ["type"] = "json_schema", ["json_schema"] = new JsonObject { ["name"] = "x", ["schema"] = new JsonObject { ["type"] = "object" } } },
            ["stop"] = new JsonArray("END", "STOP"),
            ["n"] = 2,
            ["seed"] = 42,
            ["logprobs"] = true,
            ["top_logprobs"] = 3,
            ["temperature"] = 0.2,
        };

        using var response = await PostAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(2, body["choices"]!.AsArray().Count);
        var upstream = Assert.Single(fixture.UpstreamRequestsFor(response)).Json;
        foreach (var field in new[] { "response_format", "stop", "n", "seed", "logprobs", "top_logprobs", "temperature", "messages" })
        {
            Assert.True(JsonNode.DeepEquals(request[field], upstream[field]), $"'{field}' changed on the way upstream");
        }
    }

    [Fact]
    public async Task UnknownFields_SurviveTheRoundTripInBothDirections()
    {
        const string body = """{"x_custom":{"nested":[1,2,{"a":"б"}]},"model":"gpt-test","messages":[{"role":"user","content":"hi","x_msg":true}],"vendor_flag":null}""";

        using var response = await fixture.Server.Http.PostAsync("v1/chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("abc", json["x_vendor"]!["trace"]!.GetValue<string>());
        Assert.Equal("fp_stub", json["system_fingerprint"]!.GetValue<string>());
        var upstream = Assert.Single(fixture.UpstreamRequestsFor(response));
        // Byte for byte, apart from the model name.
        Assert.Equal(body.Replace("\"gpt-test\"", "\"upstream-model\"", StringComparison.Ordinal), upstream.Body);
    }

    [Fact]
    public async Task Stream_UnknownChunkFields_ReachTheClient()
    {
        using var response = await PostAsync(new JsonObject { ["model"] = "gpt-test", ["stream"] = true, ["messages"] = Messages() });
        var events = await Sse.ReadDataAsync(response);

        Assert.All(events[..^1], e => Assert.Equal("kept", JsonNode.Parse(e)!["x_vendor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task LegacyCompletions_AreRelayed()
    {
        using var response = await fixture.Server.Http.PostAsJsonAsync("v1/completions", new { model = "gpt-test", prompt = "Once upon" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/completions", Assert.Single(fixture.UpstreamRequestsFor(response)).Path);
    }

    [Fact]
    public async Task SdkError_ForUnknownModel_IsNotFound()
    {
        var client = fixture.Server.OpenAi().GetChatClient("no-such-model");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(Hello));

        Assert.Equal(404, error.Status);
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject body) =>
        fixture.Server.Http.PostAsync("v1/chat/completions", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    private static JsonArray Messages() => [new JsonObject { ["role"] = "user", ["content"] = "Hi" }];
}
