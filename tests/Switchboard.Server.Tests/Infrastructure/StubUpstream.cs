using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// A real OpenAI-compatible server on loopback (Kestrel) standing in for an upstream provider. What it
/// does is chosen by the upstream model name in the request, so one alias can list deployments that
/// behave differently: <c>ok</c> (default) answers normally, <c>fail-500</c>, <c>fail-429</c>,
/// <c>fail-400</c> fail, <c>ctx-openai</c>, <c>ctx-vllm</c>, <c>ctx-llamacpp</c>, <c>ctx-ollama</c> answer
/// "context window exceeded" the way those servers do, <c>stall</c> never answers, <c>cut</c> resets the connection after two chunks,
/// <c>stall-mid-stream</c> stops sending after two chunks without closing,
/// <c>truncated</c> ends the stream cleanly after two chunks but without <c>[DONE]</c>,
/// <c>cut-before-first</c> breaks it before any event, <c>slow</c> streams one chunk per 100 ms,
/// <c>filtered-error</c> / <c>filtered-finish</c> refuse through a content filter (400 error / finish reason),
/// <c>tools</c> answers with a tool call, <c>fail-once</c> / <c>limited-once</c> answer 500 / 429 to the
/// first call of a gateway request and normally to the next, <c>delay-N</c> waits N ms before answering normally,
/// <c>say-TEXT</c> answers TEXT. It records every request and every client abort it sees.
/// </summary>
public sealed class StubUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubUpstream(WebApplication app)
    {
        _app = app;
    }

    private readonly ConcurrentDictionary<string, int> _seen = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Request ids (<c>x-request-id</c> sent by the gateway) whose connection the gateway aborted.</summary>
    public ConcurrentDictionary<string, bool> Aborted { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public static async Task<StubUpstream> StartAsync()
    {
        var app = LoopbackApp.Create();
        var stub = new StubUpstream(app);
        app.MapPost("/v1/chat/completions", stub.ChatAsync);
        app.MapPost("/v1/completions", stub.ChatAsync);
        app.MapPost("/v1/embeddings", stub.EmbeddingsAsync);
        var address = await LoopbackApp.StartAsync(app);
        stub.BaseUrl = address + "/v1";
        return stub;
    }

    public RecordedRequest LastRequest => Requests.Last();

    /// <summary>Waits (bounded) until the stub has seen the gateway abort the request with this id.</summary>
    public async Task<bool> WaitForAbortAsync(string requestId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (Aborted.ContainsKey(requestId))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var json = JsonNode.Parse(body)!.AsObject();
        var recorded = new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["x-request-id"].ToString(), body, json);
        Requests.Enqueue(recorded);
        context.RequestAborted.Register(() => Aborted[recorded.RequestId] = true);
        return recorded;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var model = request.Json["model"]!.GetValue<string>();
        var stream = request.Json["stream"]?.GetValue<bool>() == true;
        if (model is "fail-once" or "limited-once" && _seen.AddOrUpdate(request.RequestId + model, 1, (_, n) => n + 1) == 1)
        {
            model = model == "fail-once" ? "fail-500" : "fail-429";
        }

        if (model.StartsWith("delay-", StringComparison.Ordinal))
        {
            await Task.Delay(int.Parse(model["delay-".Length..], System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);
        }

        switch (model)
        {
            case "fail-500":
                await WriteJsonAsync(context, 500, """{"error":{"message":"upstream exploded","type":"server_error","param":null,"code":null}}""");
                return;
            case "fail-429":
                context.Response.Headers.RetryAfter = "7";
                await WriteJsonAsync(context, 429, """{"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}""");
                return;
            case "fail-400":
                await WriteJsonAsync(context, 400, """{"error":{"message":"upstream says the temperature is invalid","type":"invalid_request_error","param":"temperature","code":"bad_temp"}}""");
                return;
            case "ctx-openai":
                await WriteJsonAsync(context, 400, """{"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""");
                return;
            case "ctx-vllm":
                await WriteJsonAsync(context, 400, """{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4900 in the messages, 100 in the completion).","type":"BadRequestError","param":null,"code":400}""");
                return;
            case "ctx-llamacpp":
                await WriteJsonAsync(context, 400, """{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}}""");
                return;
            case "ctx-ollama":
                await WriteJsonAsync(context, 400, """{"error":{"message":"the input length exceeds the context length","type":"api_error","param":null,"code":null}}""");
                return;
            case "filtered-error":
                await WriteJsonAsync(context, 400, """{"error":{"message":"The response was filtered due to the prompt triggering content management policy.","type":null,"param":"prompt","code":"content_filter"}}""");
                return;
            case "filtered-finish":
                await WriteJsonAsync(context, 200, """{"id":"x","object":"chat.completion","created":1,"model":"filtered-finish","choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"content_filter"}],"usage":{"prompt_tokens":3,"completion_tokens":0,"total_tokens":3}}""");
                return;
            case "stall":
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
        }

        if (stream)
        {
            await StreamAsync(context, request, model);
            return;
        }

        if (model == "tools")
        {
            await WriteJsonAsync(context, 200, $$$"""
                {"id":"chatcmpl-tools","object":"chat.completion","created":1700000000,"model":"{{{model}}}",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Moscow\"}"}}]},
                   "finish_reason":"tool_calls","logprobs":null}],
                 "usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29}}
                """);
            return;
        }

        var n = request.Json["n"]?.GetValue<int>() ?? 1;
        var content = System.Text.Json.JsonSerializer.Serialize(model.StartsWith("say-", StringComparison.Ordinal) ? model["say-".Length..] : $"hello from {model}");
        var choices = string.Join(",", Enumerable.Range(0, n).Select(i =>
            $$"""{"index":{{i}},"message":{"role":"assistant","content":{{content}},"refusal":null},"logprobs":null,"finish_reason":"stop"}"""));
        await WriteJsonAsync(context, 200, $$$"""
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"{{{model}}}","choices":[{{{choices}}}],
             "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,"prompt_tokens_details":{"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":2}},
             "system_fingerprint":"fp_stub","x_vendor":{"trace":"abc","score":0.5}}
            """);
    }

    private static async Task StreamAsync(HttpContext context, RecordedRequest request, string model)
    {
        context.Response.ContentType = "text/event-stream";
        if (model == "cut-before-first")
        {
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }

        var chunks = new List<string>();
        if (model == "tools")
        {
            chunks.Add(Chunk(model, """{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}""", null));
            chunks.Add(Chunk(model, """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}""", null));
            chunks.Add(Chunk(model, """{"tool_calls":[{"index":0,"function":{"arguments":"\"Moscow\"}"}}]}""", null));
            chunks.Add(Chunk(model, "{}", "tool_calls"));
        }
        else
        {
            var count = model == "slow" ? 10 : 3;
            chunks.Add(Chunk(model, """{"role":"assistant","content":""}""", null));
            for (var i = 0; i < count; i++)
            {
                chunks.Add(Chunk(model, $$"""{"content":"part{{i}} "}""", null));
            }

            chunks.Add(Chunk(model, "{}", "stop"));
        }

        if (request.Json["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            chunks.Add($$$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":5,"total_tokens":16}}""");
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            if (model == "cut" && i == 2)
            {
                // Give the gateway time to read what was sent: a reset can discard unread data.
                await Task.Delay(1000);
                context.Abort();
                return;
            }

            if (model == "truncated" && i == 2)
            {
                return;
            }

            if (model == "stall-mid-stream" && i == 2)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            await context.Response.WriteAsync("data: " + chunks[i] + "\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (model == "slow")
            {
                await Task.Delay(100, context.RequestAborted);
            }
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static string Chunk(string model, string delta, string? finish) =>
        $$$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","x_vendor":"kept","choices":[{"index":0,"delta":{{{delta}}},"logprobs":null,"finish_reason":{{{(finish is null ? "null" : $"\"{finish}\"")}}}}]}""";

    private async Task EmbeddingsAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var inputs = request.Json["input"] is JsonArray array ? array.Count : 1;
        var dimensions = request.Json["dimensions"]?.GetValue<int>() ?? 4;
        var base64 = request.Json["encoding_format"]?.GetValue<string>() == "base64";
        var items = new List<string>();
        for (var i = 0; i < inputs; i++)
        {
            var vector = Enumerable.Range(0, dimensions).Select(d => (float)(i + 1) / (d + 1)).ToArray();
            string embedding = base64
                ? "\"" + Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()) + "\""
                : "[" + string.Join(",", vector.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
            items.Add($$$"""{"object":"embedding","index":{{{i}}},"embedding":{{{embedding}}}}""");
        }

        await WriteJsonAsync(context, 200, $$$"""
            {"object":"list","data":[{{{string.Join(",", items)}}}],"model":"{{{request.Json["model"]}}}","usage":{"prompt_tokens":{{{inputs * 3}}},"total_tokens":{{{inputs * 3}}}}}
            """);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}

/// <summary>A request as the stub received it.</summary>
public sealed record RecordedRequest(string Path, string Authorization, string RequestId, string Body, JsonObject Json)
{
    public string Model => Json["model"]!.GetValue<string>();
}
