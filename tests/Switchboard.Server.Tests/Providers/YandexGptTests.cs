using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI.Chat;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.YandexGpt;
using Switchboard.Gateway.Routing;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// The YandexGPT adapter end to end: OpenAI requests to the gateway, the documented native requests at the
/// Yandex stub, the documented native answers translated back (sync, streamed, tools, async operations,
/// embeddings, errors and failover).
/// </summary>
public sealed class YandexGptTests(YandexGptFixture fixture) : IClassFixture<YandexGptFixture>
{
    private const string DocumentedPrompt = """
        {"model":"y-ok","temperature":0.1,"max_tokens":1000,"messages":[
          {"role":"system","content":"Переведи текст"},{"role":"user","content":"To be, or not to be: that is the question."}]}
        """;

    private const string WeatherTool = """
        {"type":"function","function":{"name":"weatherTool","description":"Получает текущую погоду в указанном городе.",
          "parameters":{"type":"object","properties":{"city":{"type":"string","description":"Название города, например, Москва"}},"required":["city"]}}}
        """;

    private GatewayServer Server => fixture.Server;

    private YandexGptStub Stub => fixture.Stub;

    [Fact]
    public async Task ChatCompletion_DocumentedPrompt_SendsTheDocumentedNativeRequest()
    {
        using var response = await PostAsync("v1/chat/completions", DocumentedPrompt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(Stub.For(response));
        Assert.Equal("/foundationModels/v1/completion", sent.Path);
        Assert.Equal("Api-Key " + GatewayServer.UpstreamKey, sent.Authorization);
        Assert.Equal("", sent.FolderHeader);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(YandexGptStub.Golden("completion-request.json")), sent.Json), sent.Json!.ToJsonString());
    }

    [Fact]
    public async Task ChatCompletion_DocumentedResponse_BecomesAnOpenAiCompletionWithExactUsage()
    {
        using var response = await PostAsync("v1/chat/completions", DocumentedPrompt);
        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("chat.completion", completion["object"]!.GetValue<string>());
        var choice = completion["choices"]![0]!;
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("Быть или не быть, вот в чём вопрос.", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        var usage = completion["usage"]!;
        Assert.Equal(30, usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(10, usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(40, usage["total_tokens"]!.GetValue<int>());
        Assert.Equal(0, usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChatCompletion_WithOpenAiSdk_ReadsTheTranslatedAnswer()
    {
        ChatCompletion completion = await Server.OpenAi().GetChatClient("y-ok").CompleteChatAsync([new UserChatMessage("Переведи")]);

        Assert.Equal("Быть или не быть, вот в чём вопрос.", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(30, completion.Usage.InputTokenCount);
        Assert.Equal(10, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task ChatCompletion_ReasoningEffort_EnablesHiddenReasoning()
    {
        using var response = await PostAsync("v1/chat/completions",
            """{"model":"y-ok","reasoning_effort":"high","max_completion_tokens":50,"messages":[{"role":"user","content":"x"}]}""");

        var options = Assert.Single(Stub.For(response)).Json!["completionOptions"]!;
        Assert.Equal("ENABLED_HIDDEN", options["reasoningOptions"]!["mode"]!.GetValue<string>());
        Assert.Equal("50", options["maxTokens"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletion_DocumentedToolCall_BecomesOpenAiToolCalls()
    {
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("weatherTool", "Получает текущую погоду в указанном городе.",
                BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")) },
        };
        ChatCompletion completion = await Server.OpenAi().GetChatClient("y-tools").CompleteChatAsync([new UserChatMessage("Какая погода в Санкт-Петербурге?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Equal("weatherTool", call.FunctionName);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"city":"Санкт-Петербург"}"""), JsonNode.Parse(call.FunctionArguments.ToString())));
        Assert.Equal(74, completion.Usage.InputTokenCount);
        var sentTool = Stub.Requests.Last(r => r.Model == "tools").Json!["tools"]![0]!;
        Assert.Equal("weatherTool", sentTool["function"]!["name"]!.GetValue<string>());
        Assert.Equal("object", sentTool["function"]!["parameters"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletion_ToolHistory_BecomesTheDocumentedFollowUpRequest()
    {
        using var response = await PostAsync("v1/chat/completions", $$$"""
            {"model":"y-tool-result","tools":[{{{WeatherTool}}}],"messages":[
              {"role":"user","content":"Какая погода в Санкт-Петербурге?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_abc","type":"function","function":{"name":"weatherTool","arguments":"{\"city\":\"Санкт-Петербург\"}"}}]},
              {"role":"tool","tool_call_id":"call_abc","content":"8°C"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(Stub.For(response)).Json!;
        var golden = JsonNode.Parse(YandexGptStub.Golden("tool-result-request.json"))!;
        Assert.True(JsonNode.DeepEquals(golden["messages"], sent["messages"]), sent["messages"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(golden["tools"], sent["tools"]), sent["tools"]!.ToJsonString());
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("В Санкт-Петербурге сейчас 8°C.", answer["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("y-filtered", "content_filter")]
    [InlineData("y-truncated", "length")]
    public async Task ChatCompletion_FinalStatuses_MapToFinishReasons(string alias, string finishReason)
    {
        using var response = await Server.PostChatAsync(alias);
        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(finishReason, completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_DocumentedPartials_EmitOnlyTheNewText_ThenFinishUsageAndDone()
    {
        using var response = await PostAsync("v1/chat/completions",
            """{"model":"y-ok","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}""");
        var events = await Sse.ReadDataAsync(response);

        Assert.True(Assert.Single(Stub.For(response)).Json!["completionOptions"]!["stream"]!.GetValue<bool>());
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        var deltas = chunks.Where(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["delta"]!["content"] is { } content && content.GetValue<string>().Length > 0)
            .Select(c => c["choices"]![0]!["delta"]!["content"]!.GetValue<string>()).ToList();
        Assert.Equal(["О", "шибки сами", " себя не исправят."], deltas);
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(32, chunks[^1]["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(8, chunks[^1]["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Equal(40, chunks[^1]["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stream_WithOpenAiSdk_AssemblesTheText()
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Server.OpenAi().GetChatClient("y-ok").CompleteChatStreamingAsync([new UserChatMessage("x")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("Ошибки сами себя не исправят.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task Stream_ToolCalls_EmitToolCallDeltasAndToolCallsFinish()
    {
        using var response = await PostAsync("v1/chat/completions",
            $$"""{"model":"y-tools","stream":true,"tools":[{{WeatherTool}}],"messages":[{"role":"user","content":"Какая погода в Санкт-Петербурге?"}]}""");
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).Where(c => c["choices"]!.AsArray().Count > 0).ToList();
        var call = Assert.Single(chunks, c => c["choices"]![0]!["delta"]!["tool_calls"] is not null)["choices"]![0]!["delta"]!["tool_calls"]![0]!;
        Assert.Equal(0, call["index"]!.GetValue<int>());
        Assert.StartsWith("call_", call["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("weatherTool", call["function"]!["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"city":"Санкт-Петербург"}"""), JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())));
        Assert.Equal("tool_calls", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_EndingWithoutAFinalStatus_EndsWithStreamInterruptedAndNoDone()
    {
        using var response = await Server.PostChatAsync("y-cut", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.DoesNotContain("[DONE]", events);
        Assert.Equal("О", JsonNode.Parse(events[1])!["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal("stream_interrupted", JsonNode.Parse(events[^1])!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task RateLimited_FailsOverToTheNextDeployment()
    {
        using var response = await Server.PostChatAsync("y-limited");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["limited", "ok"], Stub.For(response).Select(r => r.Model));
    }

    [Fact]
    public async Task RateLimited_OnTheOnlyDeployment_IsAnOpenAi429WithRetryAfter()
    {
        using var response = await Server.PostChatAsync("y-limited-only");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        Assert.Contains("quota limit exceed", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromptTooLong_FailsOverToTheNextDeployment()
    {
        using var response = await Server.PostChatAsync("y-ctx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ctx", "ok"], Stub.For(response).Select(r => r.Model));
    }

    [Fact]
    public async Task PromptTooLong_OnTheOnlyDeployment_Is400ContextLengthExceeded()
    {
        using var response = await Server.PostChatAsync("y-ctx-only");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unauthorized_IsAnOpenAiAuthenticationError()
    {
        using var response = await Server.PostChatAsync("y-unauthorized");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", error["type"]!.GetValue<string>());
        Assert.Contains("Unknown api key", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncProvider_PostsAnOperation_PollsIt_AndAnswersWithItsResult()
    {
        using var response = await Server.PostChatAsync("y-async");
        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Быть или не быть: вот в чём вопрос.", completion["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(31, completion["usage"]!["prompt_tokens"]!.GetValue<int>());
        var calls = Stub.For(response);
        Assert.Equal(["POST /foundationModels/v1/completionAsync", "GET /operations/d7qi6shlbvo5********"], calls.Select(c => $"{c.Method} {c.Path}"));
        Assert.All(calls, c => Assert.Equal("Bearer " + GatewayServer.UpstreamKey, c.Authorization));
    }

    [Fact]
    public async Task AsyncProvider_StreamedRequest_UsesTheStreamingMethod()
    {
        using var response = await Server.PostChatAsync("y-async", stream: true);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("/foundationModels/v1/completion", Assert.Single(Stub.For(response)).Path);
    }

    [Fact]
    public async Task Embeddings_InputArray_CallsOncePerText_AndSumsTheTokens()
    {
        using var response = await PostAsync("v1/embeddings", """{"model":"y-embed","input":["первый","второй"],"dimensions":256}""");
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = Stub.For(response);
        Assert.Equal(["первый", "второй"], calls.Select(c => c.Json!["text"]!.GetValue<string>()));
        Assert.All(calls, c =>
        {
            Assert.Equal("/foundationModels/v1/textEmbedding", c.Path);
            Assert.Equal($"emb://{YandexGptStub.FolderId}/text-search-doc/latest", c.Json!["modelUri"]!.GetValue<string>());
            Assert.Equal("256", c.Json!["dim"]!.GetValue<string>());
        });
        Assert.Equal([0, 1], list["data"]!.AsArray().Select(d => d!["index"]!.GetValue<int>()));
        Assert.Equal([-0.0139, 0.0452, 0.125, -0.5], list["data"]![1]!["embedding"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(10, list["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Embeddings_Base64_IsLittleEndianFloat32()
    {
        using var response = await PostAsync("v1/embeddings", """{"model":"y-embed","input":"текст","encoding_format":"base64"}""");
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var bytes = Convert.FromBase64String(list["data"]![0]!["embedding"]!.GetValue<string>());
        var floats = Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray();
        Assert.Equal([-0.0139f, 0.0452f, 0.125f, -0.5f], floats);
        Assert.Equal(5, list["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task CountTokensAsync_CallsTokenize_AndCountsTheTokens()
    {
        var provider = new UpstreamProvider("yandex", new Uri(Stub.BaseUrl + "/"), "count-key", null, new Dictionary<string, string>())
        {
            Type = ProviderTypes.YandexGpt,
            Config = new ProviderConfig { Name = "yandex", Type = ProviderTypes.YandexGpt, FolderId = YandexGptStub.FolderId },
        };
        using var http = new HttpClient();
        using var adapter = new YandexGptAdapter(new AdapterContext(provider, http, TimeProvider.System, NullLoggerFactory.Instance));

        var count = await adapter.CountTokensAsync(new Deployment(provider, "yandexgpt-lite/latest"), "Привет!", CancellationToken.None);

        Assert.Equal(3, count);
        var sent = Stub.Requests.Last(r => r.Path == "/foundationModels/v1/tokenize");
        Assert.Equal($"gpt://{YandexGptStub.FolderId}/yandexgpt-lite/latest", sent.Json!["modelUri"]!.GetValue<string>());
        Assert.Equal("Привет!", sent.Json!["text"]!.GetValue<string>());
        Assert.Equal("Api-Key count-key", sent.Authorization);
    }

    [Fact]
    public async Task TokenizeEndpoint_CountsWithYandexsTokenizer()
    {
        using var response = await PostAsync("api/v1/tokenize", """{"model":"y-ok","input":"Привет!"}""");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body["tokens"]!.GetValue<int>());
        Assert.Equal("yandex/ok/latest", body["deployment"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Server.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
