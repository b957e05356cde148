using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// A Yandex Cloud Foundation Models API on loopback (Kestrel) serving the documented bodies in
/// <c>Golden/yandexgpt</c>: <c>completion</c>, <c>completionAsync</c> + <c>operations/{id}</c>,
/// <c>textEmbedding</c>, <c>tokenize</c> and an IAM token endpoint that verifies the service account's
/// PS256 JWT with <see cref="ServiceAccountPublicKey"/>. What a completion does is chosen by the model
/// in <c>modelUri</c> (<c>gpt://folder/&lt;model&gt;/latest</c>): <c>ok</c>, <c>tools</c>, <c>tool-result</c>,
/// <c>ctx</c> (prompt too long), <c>limited</c> (429), <c>unauthorized</c> (401), <c>filtered</c>,
/// <c>truncated</c>, <c>cut</c> (a stream that ends after a partial answer). Records every request.
/// </summary>
public sealed class YandexGptStub : IAsyncDisposable
{
    public const string FolderId = "b1gtestfolder";

    private readonly WebApplication _app;
    private int _iamTokens;

    private YandexGptStub(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<YandexRequest> Requests { get; } = new();

    public string BaseUrl { get; private set; } = "";

    /// <summary>Checks the JWTs posted to the IAM endpoint; null refuses every token request.</summary>
    public RSA? ServiceAccountPublicKey { get; set; }

    public string ServiceAccountId { get; set; } = "ajeserviceaccount";

    public string KeyId { get; set; } = "ajekeyid";

    /// <summary>The lifetime of the IAM tokens handed out.</summary>
    public TimeSpan IamTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public int IamTokensIssued => _iamTokens;

    /// <summary>Why the last JWT was refused, or null.</summary>
    public string? JwtProblem { get; private set; }

    public static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Providers", "Golden", "yandexgpt", name));

    public static async Task<YandexGptStub> StartAsync()
    {
        var app = LoopbackApp.Create();
        var stub = new YandexGptStub(app);
        app.MapPost("/foundationModels/v1/completion", stub.CompletionAsync);
        app.MapPost("/foundationModels/v1/completionAsync", stub.CompletionAsyncAsync);
        app.MapGet("/operations/{id}", stub.OperationAsync);
        app.MapPost("/foundationModels/v1/textEmbedding", stub.EmbeddingAsync);
        app.MapPost("/foundationModels/v1/tokenize", stub.TokenizeAsync);
        app.MapPost("/iam/v1/tokens", stub.IamTokenAsync);
        stub.BaseUrl = await LoopbackApp.StartAsync(app);
        return stub;
    }

    /// <summary>The requests made for one gateway request (by the <c>x-request-id</c> the gateway sent).</summary>
    public List<YandexRequest> For(HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("x-request-id").Single();
        return Requests.Where(r => r.RequestId == id).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ServiceAccountPublicKey?.Dispose();
    }

    private async Task<YandexRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        var recorded = new YandexRequest(context.Request.Method, context.Request.Path, headers.Authorization.ToString(), headers["x-folder-id"].ToString(),
            headers["x-request-id"].ToString(), body.Length == 0 ? null : JsonNode.Parse(body)!.AsObject());
        Requests.Enqueue(recorded);
        return recorded;
    }

    private async Task CompletionAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var stream = request.Json!["completionOptions"]?["stream"]?.GetValue<bool>() == true;
        switch (request.Model)
        {
            case "ctx":
                await WriteAsync(context, 400, Golden("error-context-window.json"));
                return;
            case "limited":
                context.Response.Headers.RetryAfter = "7";
                await WriteAsync(context, 429, Golden("error-rate-limit.json"));
                return;
            case "unauthorized":
                await WriteAsync(context, 401, Golden("error-unauthorized.json"));
                return;
        }

        if (stream)
        {
            await StreamAsync(context, request.Model);
            return;
        }

        await WriteAsync(context, 200, request.Model switch
        {
            "tools" => Golden("tool-call-response.json"),
            "tool-result" => Golden("tool-result-response.json"),
            "filtered" => Golden("completion-response.json").Replace("ALTERNATIVE_STATUS_FINAL", "ALTERNATIVE_STATUS_CONTENT_FILTER", StringComparison.Ordinal),
            "truncated" => Golden("completion-response.json").Replace("ALTERNATIVE_STATUS_FINAL", "ALTERNATIVE_STATUS_TRUNCATED_FINAL", StringComparison.Ordinal),
            _ => Golden("completion-response.json"),
        });
    }

    private static async Task StreamAsync(HttpContext context, string model)
    {
        context.Response.ContentType = "application/json";
        var lines = Golden(model == "tools" ? "stream-tool-calls.jsonl" : "stream-response.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (model == "cut")
        {
            lines = lines[..1];
        }

        foreach (var line in lines)
        {
            await context.Response.WriteAsync(line + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(20, context.RequestAborted);
        }
    }

    private async Task CompletionAsyncAsync(HttpContext context)
    {
        await RecordAsync(context);
        await WriteAsync(context, 200, Golden("async-operation.json"));
    }

    private async Task OperationAsync(HttpContext context)
    {
        await RecordAsync(context);
        await WriteAsync(context, 200, Golden("async-done.json"));
    }

    private async Task EmbeddingAsync(HttpContext context)
    {
        await RecordAsync(context);
        await WriteAsync(context, 200, Golden("embedding-response.json"));
    }

    private async Task TokenizeAsync(HttpContext context)
    {
        await RecordAsync(context);
        await WriteAsync(context, 200, Golden("tokenize-response.json"));
    }

    private async Task IamTokenAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        JwtProblem = VerifyJwt(request.Json?["jwt"]?.GetValue<string>());
        if (JwtProblem is not null)
        {
            await WriteAsync(context, 400, $$"""{"code":3,"message":"{{JwtProblem}}","details":[]}""");
            return;
        }

        var number = Interlocked.Increment(ref _iamTokens);
        var expiresAt = DateTimeOffset.UtcNow.Add(IamTokenLifetime).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await WriteAsync(context, 200, $$"""{"iamToken":"t1.iam-token-{{number}}","expiresAt":"{{expiresAt}}"}""");
    }

    /// <summary>Checks the JWT as Yandex IAM would: PS256 signature by the key, kid, iss, aud and a one-hour lifetime.</summary>
    private string? VerifyJwt(string? jwt)
    {
        var parts = jwt?.Split('.');
        if (parts is not { Length: 3 } || ServiceAccountPublicKey is null)
        {
            return "not a JWT";
        }

        var signed = ServiceAccountPublicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        return !signed ? "bad signature"
            : header["alg"]?.GetValue<string>() != "PS256" || header["typ"]?.GetValue<string>() != "JWT" ? "bad header"
            : header["kid"]?.GetValue<string>() != KeyId ? "bad kid"
            : claims["iss"]?.GetValue<string>() != ServiceAccountId ? "bad iss"
            : claims["aud"]?.GetValue<string>() != "https://iam.api.cloud.yandex.net/iam/v1/tokens" ? "bad aud"
            : claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>() != 3600 ? "bad lifetime"
            : Math.Abs(claims["iat"]!.GetValue<long>() - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) > 60 ? "bad iat"
            : null;
    }

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}

/// <summary>A request as the Yandex stub received it.</summary>
public sealed record YandexRequest(string Method, string Path, string Authorization, string FolderHeader, string RequestId, JsonObject? Json)
{
    /// <summary>The model of <c>modelUri</c> without folder and version: <c>gpt://f/ok/latest</c> → <c>ok</c>.</summary>
    public string Model => Json?["modelUri"]?.GetValue<string>().Split('/')[3] ?? "";
}
