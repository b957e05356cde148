using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// Anthropic's Messages API on loopback (Kestrel), answering with the documented bodies in
/// <c>Golden/anthropic</c>. The model name picks the behaviour: <c>claude-text</c> (default) answers
/// text, <c>claude-tools</c> a tool call (both streamed when asked), <c>claude-rate-limited</c> 429 with
/// <c>retry-after</c>, <c>claude-small-window</c> 400 "prompt is too long", <c>claude-unauthorized</c>
/// 401, <c>claude-overloaded</c> 529, <c>claude-cut</c> streams half a message and closes cleanly without
/// <c>message_stop</c>, <c>claude-overloaded-mid-stream</c> streams an <c>error</c> event after the first
/// text. It records every request.
/// </summary>
public sealed class AnthropicStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AnthropicStub(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<AnthropicRequest> Requests { get; } = new();

    /// <summary>The base URL with the version segment, as a provider's <c>baseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<AnthropicStub> StartAsync()
    {
        var app = LoopbackApp.Create();
        var stub = new AnthropicStub(app);
        app.MapPost("/v1/messages", stub.MessagesAsync);
        stub.BaseUrl = await LoopbackApp.StartAsync(app) + "/v1";
        return stub;
    }

    /// <summary>A documented example from <c>Golden/anthropic</c>.</summary>
    public static string Golden(string name) => GoldenFiles.Read("anthropic", name);

    /// <summary>The request the stub received for a gateway response (by its <c>x-request-id</c>).</summary>
    public AnthropicRequest RequestFor(HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("x-request-id").Single();
        return Requests.Single(r => r.Header("x-request-id") == id);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task MessagesAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var json = JsonNode.Parse(body)!.AsObject();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        Requests.Enqueue(new AnthropicRequest(context.Request.Path, headers, json));
        var model = json["model"]!.GetValue<string>();
        var stream = json["stream"]?.GetValue<bool>() == true;
        switch (model)
        {
            case "claude-rate-limited":
                context.Response.Headers.RetryAfter = "7";
                await WriteJsonAsync(context, 429, Golden("error-rate-limit.json"));
                return;
            case "claude-small-window":
                await WriteJsonAsync(context, 400, Golden("error-prompt-too-long.json"));
                return;
            case "claude-unauthorized":
                await WriteJsonAsync(context, 401, Golden("error-authentication.json"));
                return;
            case "claude-overloaded":
                await WriteJsonAsync(context, 529, Golden("error-overloaded.json"));
                return;
            case "claude-cut":
                var events = Golden("stream.sse");
                await WriteEventsAsync(context, events[..events.IndexOf("event: message_delta", StringComparison.Ordinal)]);
                return;
            case "claude-overloaded-mid-stream":
                await WriteEventsAsync(context, Golden("stream-overloaded.sse"));
                return;
            case "claude-tools":
                await (stream ? WriteEventsAsync(context, Golden("stream-tool-use.sse")) : WriteJsonAsync(context, 200, Golden("message-tool-use.json")));
                return;
            default:
                await (stream ? WriteEventsAsync(context, Golden("stream.sse")) : WriteJsonAsync(context, 200, Golden("message.json")));
                return;
        }
    }

    /// <summary>Sends the events one at a time with flushes, as the service does.</summary>
    private static async Task WriteEventsAsync(HttpContext context, string events)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        foreach (var sseEvent in events.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            await context.Response.WriteAsync(sseEvent + "\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}

/// <summary>A request as the Anthropic stub received it (header names lower-case).</summary>
public sealed record AnthropicRequest(string Path, IReadOnlyDictionary<string, string> Headers, JsonObject Json)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
