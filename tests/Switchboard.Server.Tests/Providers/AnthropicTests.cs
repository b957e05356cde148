using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// The Anthropic adapter through the real gateway: OpenAI requests in, documented Messages API
/// requests out to <see cref="AnthropicStub"/>, its documented answers back as OpenAI answers.
/// </summary>
public sealed class AnthropicTests(AnthropicFixture fixture) : IClassFixture<AnthropicFixture>
{
    private static readonly ChatMessage[] Hello = [new UserChatMessage("Hello")];

    private GatewayServer Server => fixture.Server;

    [Fact]
    public async Task CompleteChat_GoldenRequest_IsSentAsTheDocumentedMessagesBody()
    {
        using var response = await PostAsync("v1/chat/completions", AnthropicStub.Golden("request.openai.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = fixture.Anthropic.RequestFor(response);
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal(GatewayServer.UpstreamKey, sent.Header("x-api-key"));
        Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
        Assert.Equal(AnthropicFixture.BetaHeader, sent.Header("anthropic-beta"));
        Assert.Null(sent.Header("authorization"));
        var expected = JsonNode.Parse(AnthropicStub.Golden("request.anthropic.json"));
        Assert.True(JsonNode.DeepEquals(expected, sent.Json), $"sent: {sent.Json.ToJsonString()}");
    }

    [Fact]
    public async Task CompleteChat_WithOpenAiSdk_TranslatesTheDocumentedMessage()
    {
        ChatCompletion completion = await Server.OpenAi().GetChatClient("claude").CompleteChatAsync(Hello);

        Assert.Equal("Hi! My name is Claude.", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("chatcmpl-msg_013Zva2CMHLNnXjNJJKqJ2EF", completion.Id);
        Assert.Equal("claude-sonnet-4-5-20250929", completion.Model);
        // Prompt = input + cache writes + cache reads; cached = cache reads.
        Assert.Equal(2095 + 2051 + 2051, completion.Usage.InputTokenCount);
        Assert.Equal(503, completion.Usage.OutputTokenCount);
        Assert.Equal(2095 + 2051 + 2051 + 503, completion.Usage.TotalTokenCount);
        Assert.Equal(2051, completion.Usage.InputTokenDetails.CachedTokenCount);
        var sent = fixture.Anthropic.Requests.Last(r => r.Json["messages"]![0]!["content"]?.GetValue<string>() == "Hello").Json;
        Assert.Equal("claude-text", sent["model"]!.GetValue<string>());
        Assert.Equal(2048, sent["max_tokens"]!.GetValue<int>());
        Assert.Null(sent["stream"]);
    }

    [Fact]
    public async Task CompleteChat_ToolUse_ReturnsToolCallsWithJsonStringArguments()
    {
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Get the weather", BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}}}""")) } };

        ChatCompletion completion = await Server.OpenAi().GetChatClient("claude-tools").CompleteChatAsync(Hello, options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("I'll check the current weather in San Francisco for you.", completion.Content[0].Text);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", call.Id);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"location":"San Francisco, CA","unit":"celsius"}"""), JsonNode.Parse(call.FunctionArguments.ToString())));
        Assert.Equal(472, completion.Usage.InputTokenCount);
        Assert.Equal(89, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Stream_Text_StreamsRoleChunkContentFinishReasonUsageAndDone()
    {
        using var response = await PostAsync("v1/chat/completions",
            """{"model":"claude","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"stream please"}]}""");
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.All(chunks, c => Assert.Equal("chatcmpl-msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", c["id"]!.GetValue<string>()));
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("Hello!", string.Concat(chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => c["choices"]![0]!["delta"]!["content"]?.GetValue<string>())));
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        var usage = chunks[^1]["usage"]!;
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(25, usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(15, usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(40, usage["total_tokens"]!.GetValue<int>());
        var sent = fixture.Anthropic.RequestFor(response);
        Assert.True(sent.Json["stream"]!.GetValue<bool>());
        Assert.Null(sent.Json["stream_options"]);
        Assert.Equal("text/event-stream", sent.Header("accept"));
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_HidesTheUsageChunk()
    {
        using var response = await Server.PostChatAsync("claude", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events[..^1], e => JsonNode.Parse(e)!["usage"] is not null);
    }

    [Fact]
    public async Task Stream_ToolUse_StreamsToolCallDeltasWithIndexIdNameAndArguments()
    {
        using var response = await PostAsync("v1/chat/completions",
            """{"model":"claude-tools","stream":true,"messages":[{"role":"user","content":"weather?"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""");
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var deltas = events[..^1].Select(e => JsonNode.Parse(e)!["choices"]![0]!).ToList();
        Assert.Equal("Okay, let's check the weather for San Francisco, CA:", string.Concat(deltas.Select(d => d["delta"]!["content"]?.GetValue<string>())));
        var toolDeltas = deltas.Where(d => d["delta"]!["tool_calls"] is not null).Select(d => d["delta"]!["tool_calls"]![0]!).ToList();
        var first = toolDeltas[0];
        Assert.Equal(0, first["index"]!.GetValue<int>());
        Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", first["id"]!.GetValue<string>());
        Assert.Equal("function", first["type"]!.GetValue<string>());
        Assert.Equal("get_weather", first["function"]!["name"]!.GetValue<string>());
        Assert.Equal("", first["function"]!["arguments"]!.GetValue<string>());
        Assert.All(toolDeltas, d => Assert.Equal(0, d["index"]!.GetValue<int>()));
        Assert.All(toolDeltas.Skip(1), d => Assert.Null(d["id"]));
        Assert.Equal("""{"location": "San Francisco, CA", "unit": "fahrenheit"}""",
            string.Concat(toolDeltas.Select(d => d["function"]!["arguments"]!.GetValue<string>())));
        Assert.Equal("tool_calls", deltas[^1]["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChatStreaming_ToolUse_WithOpenAiSdk_AssemblesTheCall()
    {
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather") } };
        var arguments = new StringBuilder();
        string? id = null, name = null;
        ChatFinishReason? finish = null;

        await foreach (var update in Server.OpenAi().GetChatClient("claude-tools").CompleteChatStreamingAsync(Hello, options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", id);
        Assert.Equal("get_weather", name);
        Assert.Equal("fahrenheit", JsonNode.Parse(arguments.ToString())!["unit"]!.GetValue<string>());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task Stream_NativeStreamEndsBeforeMessageStop_ClientSeesStreamInterruptedAndNoDone()
    {
        using var response = await Server.PostChatAsync("cut", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("[DONE]", events);
        Assert.Contains(events, e => e.Contains("\"content\":\"Hello\"", StringComparison.Ordinal));
        Assert.Equal("stream_interrupted", JsonNode.Parse(events[^1])!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_OverloadedErrorEvent_IsRelayedAsAnOpenAiErrorEvent_WithoutDone()
    {
        using var response = await Server.PostChatAsync("overloaded-mid-stream", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.DoesNotContain("[DONE]", events);
        Assert.Contains(events, e => e.Contains("\"content\":\"Hello\"", StringComparison.Ordinal));
        var error = JsonNode.Parse(events[^1])!["error"]!;
        Assert.Equal("overloaded_error", error["code"]!.GetValue<string>());
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
        Assert.Equal("Overloaded", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChat_RateLimited_FailsOverToTheNextDeployment()
    {
        using var response = await Server.PostChatAsync("rate-limited");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from ok", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("claude-rate-limited", fixture.Anthropic.RequestFor(response).Json["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChat_RateLimitedOnTheLastDeployment_Is429InOpenAiShapeWithRetryAfter()
    {
        using var response = await Server.PostChatAsync("only-rate-limited");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        Assert.Equal("rate_limit_error", error["code"]!.GetValue<string>());
        Assert.StartsWith("Number of request tokens has exceeded", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_PromptTooLong_FailsOverToTheNextDeployment()
    {
        using var response = await Server.PostChatAsync("small-window");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from big-window", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChat_PromptTooLongOnTheLastDeployment_Is400ContextLengthExceeded()
    {
        using var response = await Server.PostChatAsync("only-small-window");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal("prompt is too long: 210183 tokens > 200000 maximum", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChat_Unauthorized_Is401InOpenAiShape()
    {
        using var response = await Server.PostChatAsync("unauthorized");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", error["type"]!.GetValue<string>());
        Assert.Equal("authentication_error", error["code"]!.GetValue<string>());
        Assert.Equal("invalid x-api-key", error["message"]!.GetValue<string>());
        Assert.Null(error["param"]);
    }

    [Fact]
    public async Task CompleteChat_Overloaded529_Is503()
    {
        using var response = await Server.PostChatAsync("overloaded");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("overloaded_error", error["code"]!.GetValue<string>());
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embeddings_OnAnAnthropicDeployment_AreNotSent()
    {
        var before = fixture.Anthropic.Requests.Count;

        using var response = await PostAsync("v1/embeddings", """{"model":"embed","input":"x"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("does not serve /v1/embeddings", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Anthropic.Requests.Count);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Server.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
