using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// A GigaChat stand-in on loopback (Kestrel, HTTPS when given a certificate): the OAuth service at
/// <c>/api/v2/oauth</c> and the REST API under <c>/api/v1</c>, answering with the documented examples in
/// <c>Golden/gigachat</c>. The chat answer is chosen by the model name: <c>fn</c> calls a function,
/// <c>blacklist</c> is refused by the filter, <c>cut</c> streams two events and ends without <c>[DONE]</c>,
/// <c>limited</c> answers 429 (Retry-After 3), <c>ctx</c> 422 "context too long", <c>unauthorized</c> 401,
/// <c>broken</c> 500; any other model answers normally. Every request is recorded.
/// </summary>
public sealed class GigaChatStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _issued;

    private GigaChatStub(WebApplication app)
    {
        _app = app;
    }

    /// <summary>API calls (not OAuth) in arrival order.</summary>
    public ConcurrentQueue<GigaChatRecordedRequest> Requests { get; } = new();

    /// <summary>OAuth token requests in arrival order.</summary>
    public ConcurrentQueue<GigaChatRecordedRequest> TokenRequests { get; } = new();

    /// <summary>When set, the OAuth service answers this status instead of a token.</summary>
    public int? OAuthFailure { get; set; }

    /// <summary>The access token most recently issued.</summary>
    public string LastIssuedToken { get; private set; } = "";

    public string Root { get; private set; } = "";

    public string BaseUrl => Root + "/api/v1";

    public string AuthUrl => Root + "/api/v2/oauth";

    public static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Providers", "Golden", "gigachat", name));

    public static async Task<GigaChatStub> StartAsync(X509Certificate2? certificate = null)
    {
        var app = LoopbackApp.Create(certificate);
        var stub = new GigaChatStub(app);
        app.MapPost("/api/v2/oauth", stub.OAuthAsync);
        app.MapPost("/api/v1/chat/completions", stub.ChatAsync);
        app.MapPost("/api/v1/embeddings", stub.ServeAsync("embeddings-response.json"));
        app.MapPost("/api/v1/tokens/count", stub.ServeAsync("tokens-count-response.json"));
        app.MapGet("/api/v1/models", stub.ServeAsync("models-response.json"));
        stub.Root = await LoopbackApp.StartAsync(app);
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<GigaChatRecordedRequest> RecordAsync(HttpContext context, ConcurrentQueue<GigaChatRecordedRequest> into)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new GigaChatRecordedRequest(context.Request.Method, context.Request.Path, headers, body);
        into.Enqueue(recorded);
        return recorded;
    }

    private async Task OAuthAsync(HttpContext context)
    {
        await RecordAsync(context, TokenRequests);
        if (OAuthFailure is { } status)
        {
            await WriteAsync(context, status, """{"code":6,"message":"credentials doesn't match db data"}""");
            return;
        }

        var token = JsonNode.Parse(Golden("oauth-response.json"))!;
        LastIssuedToken = token["access_token"]!.GetValue<string>() + "." + Interlocked.Increment(ref _issued);
        token["access_token"] = LastIssuedToken;
        // The documented example expired long ago; a live service answers "30 minutes from now".
        token["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeMilliseconds();
        await WriteAsync(context, 200, token.ToJsonString());
    }

    private RequestDelegate ServeAsync(string golden) => async context =>
    {
        await RecordAsync(context, Requests);
        await WriteAsync(context, 200, Golden(golden));
    };

    private async Task ChatAsync(HttpContext context)
    {
        var request = await RecordAsync(context, Requests);
        var model = request.Json!["model"]!.GetValue<string>();
        var stream = request.Json["stream"]?.GetValue<bool>() == true;
        switch (model)
        {
            case "limited":
                context.Response.Headers.RetryAfter = "3";
                await WriteAsync(context, 429, Golden("error-429.json"));
                return;
            case "ctx":
                await WriteAsync(context, 422, Golden("error-422-context.json"));
                return;
            case "unauthorized":
                await WriteAsync(context, 401, Golden("error-401.json"));
                return;
            case "broken":
                await WriteAsync(context, 500, Golden("error-500.json"));
                return;
        }

        if (!stream)
        {
            await WriteAsync(context, 200, Golden(model switch
            {
                "fn" => "chat-function-call-response.json",
                "blacklist" => "chat-blacklist-response.json",
                _ => "chat-response.json",
            }));
            return;
        }

        var events = Golden(model == "fn" ? "chat-stream-function-call.txt" : "chat-stream.txt")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (model == "cut")
        {
            events = events[..2];
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var sse in events)
        {
            await context.Response.WriteAsync(sse + "\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}

/// <summary>A request as the GigaChat stub received it.</summary>
public sealed record GigaChatRecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json => Body.Length == 0 || Body[0] is not ('{' or '[') ? null : JsonNode.Parse(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
