using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.GigaChat;
using Switchboard.Gateway.Routing;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// The GigaChat adapter end to end: a real gateway relays OpenAI requests to <see cref="GigaChatStub"/>,
/// which answers with GigaChat's documented examples; the tests check the native requests it received
/// and the OpenAI answers the client got.
/// </summary>
public sealed class GigaChatTests : IAsyncLifetime
{
    private GigaChatStub _stub = null!;
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        _stub = await GigaChatStub.StartAsync();
        _server = await GatewayServer.StartAsync(Config(_stub));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _stub.DisposeAsync();
    }

    internal static string Config(GigaChatStub stub, string? caBundle = null) => $$"""
        {
          "gateway": {},
          "providers": [
            { "name": "giga", "type": "gigachat", "baseUrl": "{{stub.BaseUrl}}", "authUrl": "{{stub.AuthUrl}}",
              "apiKey": "env:{{GatewayServer.UpstreamKeyVariable}}", "scope": "GIGACHAT_API_B2B"{{(caBundle is null ? "" : $", \"caBundle\": \"{caBundle}\"")}} }
          ],
          "models": [
            { "alias": "giga", "deployments": [ { "provider": "giga", "model": "GigaChat" } ] },
            { "alias": "giga-pro", "deployments": [ { "provider": "giga", "model": "GigaChat-Pro" } ] },
            { "alias": "giga-fn", "deployments": [ { "provider": "giga", "model": "fn" } ] },
            { "alias": "giga-blacklist", "deployments": [ { "provider": "giga", "model": "blacklist" } ] },
            { "alias": "giga-cut", "deployments": [ { "provider": "giga", "model": "cut" } ] },
            { "alias": "giga-limited", "deployments": [ { "provider": "giga", "model": "limited" } ] },
            { "alias": "giga-limited-then-ok", "deployments": [ { "provider": "giga", "model": "limited" }, { "provider": "giga", "model": "GigaChat" } ] },
            { "alias": "giga-ctx", "deployments": [ { "provider": "giga", "model": "ctx" } ] },
            { "alias": "giga-ctx-then-max", "deployments": [ { "provider": "giga", "model": "ctx" }, { "provider": "giga", "model": "GigaChat-Max" } ] },
            { "alias": "giga-unauthorized", "deployments": [ { "provider": "giga", "model": "unauthorized" } ] },
            { "alias": "giga-embed", "deployments": [ { "provider": "giga", "model": "Embeddings" } ] }
          ]
        }
        """;

    [Fact]
    public async Task Chat_SendsGigaChatRequestWithOAuthToken_AndReturnsOpenAiCompletion()
    {
        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga", ["messages"] = UserSays("Привет"), ["temperature"] = 0.7, ["max_tokens"] = 100 });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = Assert.Single(_stub.TokenRequests);
        Assert.Equal("POST", token.Method);
        Assert.Equal("Basic " + GatewayServer.UpstreamKey, token.Header("Authorization"));
        Assert.True(Guid.TryParseExact(token.Header("RqUID"), "D", out var rqUid) && rqUid.Version == 4);
        Assert.Equal("application/json", token.Header("Accept"));
        Assert.StartsWith("application/x-www-form-urlencoded", token.Header("Content-Type"));
        Assert.Equal("scope=GIGACHAT_API_B2B", token.Body);

        var native = Assert.Single(_stub.Requests);
        Assert.Equal("/api/v1/chat/completions", native.Path);
        Assert.Equal("Bearer " + _stub.LastIssuedToken, native.Header("Authorization"));
        Assert.Equal(response.Headers.GetValues("x-request-id").Single(), native.Header("X-Request-ID"));
        Assert.Equal("application/json", native.Header("Accept"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"model":"GigaChat","messages":[{"role":"user","content":"Привет"}],"temperature":0.7,"max_tokens":100,"stream":false}
            """), native.Json));

        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.StartsWith("chatcmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1678878333, body["created"]!.GetValue<long>());
        Assert.Equal("GigaChat:1.0.26.20", body["model"]!.GetValue<string>());
        var choice = body["choices"]![0]!;
        Assert.Equal("Здравствуйте! Я GigaChat, чем могу помочь?", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"prompt_tokens":18,"completion_tokens":12,"total_tokens":30,"prompt_tokens_details":{"cached_tokens":6}}
            """), body["usage"]));
    }

    [Fact]
    public async Task Chat_ToolConversation_BecomesTheGoldenGigaChatRequest()
    {
        var request = new JsonObject
        {
            ["model"] = "giga-pro",
            ["messages"] = JsonNode.Parse("""
                [ { "role": "system", "content": "Ты синоптик." },
                  { "role": "user", "content": "Какая погода в Москве?" },
                  { "role": "assistant", "content": null, "tool_calls": [
                      { "id": "call_abc", "type": "function", "function": { "name": "weather_forecast", "arguments": "{\"location\":\"Москва\",\"format\":\"celsius\"}" } } ] },
                  { "role": "tool", "tool_call_id": "call_abc", "content": "{\"temperature\":-5,\"conditions\":\"снег\"}" },
                  { "role": "assistant", "content": "В Москве −5 °C и снег." },
                  { "role": "user", "content": [ { "type": "text", "text": "А завтра?" } ] } ]
                """),
            ["tools"] = JsonNode.Parse("""
                [ { "type": "function", "function": { "name": "weather_forecast", "description": "Прогноз погоды",
                    "parameters": { "type": "object", "properties": { "location": { "type": "string" }, "format": { "type": "string", "enum": ["celsius", "fahrenheit"] } }, "required": ["location"] } } } ]
                """),
            ["temperature"] = 0.2,
            ["top_p"] = 0.9,
            ["max_completion_tokens"] = 256,
            ["repetition_penalty"] = 1.1,
            ["frequency_penalty"] = 0.5,
        };

        using var response = await PostChatAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse(GigaChatStub.Golden("chat-tools-request.expected.json"));
        var sent = Assert.Single(_stub.Requests).Json;
        Assert.True(JsonNode.DeepEquals(expected, sent), sent!.ToJsonString());
    }

    [Fact]
    public async Task Chat_FunctionCall_ReachesTheOpenAiSdkAsAToolCall()
    {
        var client = _server.OpenAi().GetChatClient("giga-fn");
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("weather_forecast", "Прогноз погоды", BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}}}""")) },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("weather_forecast"),
        };

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Погода в Москве?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Equal("weather_forecast", call.FunctionName);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"location":"Москва","format":"celsius"}"""), JsonNode.Parse(call.FunctionArguments.ToString())));
        Assert.Equal(150, completion.Usage.InputTokenCount);
        Assert.Equal(33, completion.Usage.OutputTokenCount);
        var sent = Assert.Single(_stub.Requests).Json!;
        Assert.Equal("weather_forecast", sent["functions"]![0]!["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"weather_forecast"}"""), sent["function_call"]));
    }

    [Fact]
    public async Task Chat_Blacklisted_FinishesWithContentFilter()
    {
        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga-blacklist", ["messages"] = UserSays("…") });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("content_filter", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_EmitsRoleContentFinishUsageAndDone()
    {
        using var response = await PostChatAsync(new JsonObject
        {
            ["model"] = "giga", ["stream"] = true, ["messages"] = UserSays("Привет"),
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        });
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var native = Assert.Single(_stub.Requests);
        Assert.True(native.Json!["stream"]!.GetValue<bool>());
        Assert.Null(native.Json["stream_options"]);
        Assert.Equal("text/event-stream", native.Header("Accept"));

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        var deltas = chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => c["choices"]![0]!).ToList();
        Assert.Equal("Здравствуйте! Чем помочь?", string.Concat(deltas.Select(d => d["delta"]!["content"]?.GetValue<string>())));
        Assert.Equal(["stop"], deltas.Select(d => d["finish_reason"]?.GetValue<string>()).OfType<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"prompt_tokens":18,"completion_tokens":5,"total_tokens":23,"prompt_tokens_details":{"cached_tokens":2}}
            """), chunks[^1]["usage"]));
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
    }

    [Fact]
    public async Task Stream_WithOpenAiSdk_DeliversTextAndUsage()
    {
        var client = _server.OpenAi().GetChatClient("giga");
        var text = "";
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Привет")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Здравствуйте! Чем помочь?", text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(18, usage!.InputTokenCount);
        Assert.Equal(2, usage.InputTokenDetails.CachedTokenCount);
    }

    [Fact]
    public async Task Stream_FunctionCall_IsOneCompleteToolCallDelta()
    {
        using var response = await PostChatAsync(new JsonObject
        {
            ["model"] = "giga-fn", ["stream"] = true, ["messages"] = UserSays("Погода в Москве?"),
            ["tools"] = JsonNode.Parse("""[{"type":"function","function":{"name":"weather_forecast","parameters":{"type":"object","properties":{}}}}]"""),
        });
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var choices = events[..^1].Select(e => JsonNode.Parse(e)!["choices"]![0]!).ToList();
        var call = Assert.Single(choices, c => c["delta"]!["tool_calls"] is not null)["delta"]!["tool_calls"]!.AsArray().Single()!;
        Assert.Equal(0, call["index"]!.GetValue<int>());
        Assert.StartsWith("call_", call["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("weather_forecast", call["function"]!["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"location":"Москва","format":"celsius"}"""),
            JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())));
        Assert.Equal("tool_calls", choices[^1]["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_EndingWithoutDone_ReachesTheClientAsInterrupted()
    {
        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga-cut", ["stream"] = true, ["messages"] = UserSays("Привет") });
        var events = await Sse.ReadDataAsync(response);

        Assert.DoesNotContain("[DONE]", events);
        Assert.Equal("stream_interrupted", JsonNode.Parse(events[^1])!["error"]!["code"]!.GetValue<string>());
        Assert.Contains(events, e => e.Contains("Здравствуйте", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimited_FailsOverToTheNextDeployment()
    {
        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga-limited-then-ok", ["messages"] = UserSays("Привет") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["limited", "GigaChat"], _stub.Requests.Select(r => r.Json!["model"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RateLimited_OnTheLastDeployment_Is429InOpenAiShapeWithRetryAfter()
    {
        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga-limited", ["messages"] = UserSays("Привет") });
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        Assert.Equal("GigaChat: Too Many Requests", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ContextTooLong_FailsOverToTheNextDeployment()
    {
        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga-ctx-then-max", ["messages"] = UserSays("очень длинный текст") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ctx", "GigaChat-Max"], _stub.Requests.Select(r => r.Json!["model"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ContextTooLong_OnTheLastDeployment_Is400ContextLengthExceeded()
    {
        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga-ctx", ["messages"] = UserSays("очень длинный текст") });
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Contains("maximum context length", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_IsAnOpenAiError_AndTheNextRequestFetchesANewToken()
    {
        using var rejected = await PostChatAsync(new JsonObject { ["model"] = "giga-unauthorized", ["messages"] = UserSays("Привет") });
        var error = JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!["error"]!;
        var firstToken = _stub.LastIssuedToken;
        using var next = await PostChatAsync(new JsonObject { ["model"] = "giga", ["messages"] = UserSays("Привет") });

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("authentication_error", error["type"]!.GetValue<string>());
        Assert.Equal("GigaChat: Unauthorized", error["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, _stub.TokenRequests.Count);
        Assert.NotEqual(firstToken, _stub.LastIssuedToken);
        Assert.Equal("Bearer " + _stub.LastIssuedToken, _stub.Requests.Last().Header("Authorization"));
    }

    [Fact]
    public async Task Token_IsReusedUntilItNearsExpiry()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostChatAsync(new JsonObject { ["model"] = "giga", ["messages"] = UserSays("Привет") });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(_stub.TokenRequests);
        Assert.All(_stub.Requests, r => Assert.Equal("Bearer " + _stub.LastIssuedToken, r.Header("Authorization")));
    }

    [Fact]
    public async Task OAuthRejected_Is502SayingAuthorisationFailed_AndNothingReachesTheApi()
    {
        _stub.OAuthFailure = 401;

        using var response = await PostChatAsync(new JsonObject { ["model"] = "giga", ["messages"] = UserSays("Привет") });
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("GigaChat authorisation failed: HTTP 401", message, StringComparison.Ordinal);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task Embeddings_WithOpenAiSdk_ReturnVectorsAndSummedUsage()
    {
        var client = _server.OpenAi().GetEmbeddingClient("giga-embed");

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(["первый текст", "второй"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal([0.5f, -0.125f, 1.0f, -2.0f], embeddings[1].ToFloats().ToArray());
        Assert.Equal(0.0023064255f, embeddings[0].ToFloats().Span[0]);
        Assert.Equal(10, embeddings.Usage.InputTokenCount);
        var sent = Assert.Single(_stub.Requests);
        Assert.Equal("/api/v1/embeddings", sent.Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"model":"Embeddings","input":["первый текст","второй"]}"""), sent.Json));
    }

    [Fact]
    public async Task Embeddings_AsFloats_AreOpenAiShaped()
    {
        using var response = await _server.Http.PostAsJsonAsync("v1/embeddings", new { model = "giga-embed", input = "один", encoding_format = "float" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347,0.25]},
                                     {"object":"embedding","index":1,"embedding":[0.5,-0.125,1.0,-2.0]}],
             "model":"Embeddings","usage":{"prompt_tokens":10,"total_tokens":10}}
            """), body), body.ToJsonString());
        Assert.Equal(["один"], Assert.Single(_stub.Requests).Json!["input"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact]
    public async Task Completions_AreNotServedByGigaChat()
    {
        using var response = await _server.Http.PostAsJsonAsync("v1/completions", new { model = "giga", prompt = "Привет" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task ListModels_ReturnsTheAccountsModelIds()
    {
        using var adapter = CreateAdapter(_stub);

        var models = await adapter.ListModelsAsync(CancellationToken.None);

        Assert.Equal(["GigaChat", "GigaChat-Pro", "GigaChat-Max", "Embeddings"], models);
        var sent = Assert.Single(_stub.Requests);
        Assert.Equal(("GET", "/api/v1/models"), (sent.Method, sent.Path));
        Assert.Equal("Bearer " + _stub.LastIssuedToken, sent.Header("Authorization"));
    }

    [Fact]
    public async Task TokenizeEndpoint_CountsWithGigaChat()
    {
        using var response = await _server.Http.PostAsJsonAsync("api/v1/tokenize", new { model = "giga-pro", input = "Я к вам пишу — чего же боле?" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(7, body["tokens"]!.GetValue<int>());
        Assert.Equal("giga/GigaChat-Pro", body["deployment"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminModelsEndpoint_ListsGigaChatsModels()
    {
        var body = JsonNode.Parse(await _server.Http.GetStringAsync("api/v1/admin/providers/giga/models"))!;

        Assert.Equal(["GigaChat", "GigaChat-Pro", "GigaChat-Max", "Embeddings"], body["models"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task CountTokens_AsksForTheDeploymentsModel()
    {
        using var adapter = CreateAdapter(_stub);
        var deployment = new Deployment(new UpstreamProvider("giga", new Uri(_stub.BaseUrl + "/"), "key", null, new Dictionary<string, string>()), "GigaChat-Pro");

        var count = await adapter.CountTokensAsync(deployment, "Я к вам пишу — чего же боле?", CancellationToken.None);

        Assert.Equal(new GigaChatTokenCount(7, 36), count);
        var sent = Assert.Single(_stub.Requests);
        Assert.Equal("/api/v1/tokens/count", sent.Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"model":"GigaChat-Pro","input":["Я к вам пишу — чего же боле?"]}"""), sent.Json));
    }

    private static GigaChatAdapter CreateAdapter(GigaChatStub stub)
    {
        var config = new ProviderConfig { Name = "giga", Type = ProviderTypes.GigaChat, BaseUrl = stub.BaseUrl, AuthUrl = stub.AuthUrl, ApiKey = "auth-key" };
        var provider = new UpstreamProvider("giga", new Uri(stub.BaseUrl + "/"), "auth-key", null, new Dictionary<string, string>())
        {
            Type = ProviderTypes.GigaChat,
            Config = config,
        };
        return new GigaChatAdapter(new AdapterContext(provider, new HttpClient(), TimeProvider.System, NullLoggerFactory.Instance));
    }

    private static JsonArray UserSays(string text) => [new JsonObject { ["role"] = "user", ["content"] = text }];

    private Task<HttpResponseMessage> PostChatAsync(JsonObject request) => _server.Http.PostAsJsonAsync("v1/chat/completions", request);
}
