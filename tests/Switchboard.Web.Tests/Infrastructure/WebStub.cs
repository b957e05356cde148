using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible upstream for the browser tests, on loopback. Chat behaviour is chosen by the upstream model:
/// <c>echo</c> streams "You said: …" with a code block, one word every 25 ms (so a browser sees the answer grow);
/// <c>tokens-N</c> streams N tokens 2 ms apart (Markdown with lists and code); <c>xss</c> answers with script tags, an
/// image with <c>onerror</c> and a <c>javascript:</c> link. A knowledge-base prompt (sources in the system message) is
/// answered by quoting source [1] and citing it; a query rewrite returns the last question. Embeddings are hashed bags
/// of 5-letter word prefixes (texts sharing words are close).
/// </summary>
public sealed partial class WebStub : IAsyncDisposable
{
    public const int Dimensions = 256;

    private readonly WebApplication _app;
    private int _chatRequests;

    private WebStub(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl + "/v1";
    }

    public string BaseUrl { get; }

    public int ChatRequests => Volatile.Read(ref _chatRequests);

    public static async Task<WebStub> StartAsync()
    {
        var app = LoopbackApp.Create();
        WebStub? stub = null;
        app.MapPost("/v1/embeddings", EmbeddingsAsync);
        app.MapPost("/v1/chat/completions", context =>
        {
            Interlocked.Increment(ref stub!._chatRequests);
            return ChatAsync(context);
        });
        stub = new WebStub(app, await LoopbackApp.StartAsync(app));
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ChatAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        var model = body["model"]!.GetValue<string>();
        var messages = body["messages"]!.AsArray();
        var system = messages.Count > 0 && messages[0]!["role"]!.GetValue<string>() == "system" ? messages[0]!["content"]!.GetValue<string>() : "";
        var question = messages[^1]!["content"]!.GetValue<string>();
        var (tokens, delay) = Answer(model, system, question);
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "c", ["object"] = "chat.completion", ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(tokens) }, ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = tokens.Count, ["total_tokens"] = 10 + tokens.Count },
            }, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var token in tokens)
        {
            var chunk = new JsonObject
            {
                ["id"] = "s", ["object"] = "chat.completion.chunk", ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = token }, ["finish_reason"] = null }),
            };
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }
        }

        await context.Response.WriteAsync("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
            + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n", context.RequestAborted);
    }

    private static (List<string> Tokens, TimeSpan Delay) Answer(string model, string system, string question)
    {
        if (system.StartsWith("Rewrite", StringComparison.Ordinal))
        {
            return ([Regex.Match(question, @"Last question: (.*)$", RegexOptions.Singleline).Groups[1].Value.Trim()], TimeSpan.Zero);
        }

        if (system.Contains("Sources:", StringComparison.Ordinal))
        {
            var source = SourceOne().Match(system[system.IndexOf("Sources:", StringComparison.Ordinal)..]);
            var quote = source.Success ? Regex.Replace(source.Groups[1].Value.Split("\n\n[")[0], @"\s+", " ").Trim() : "nothing";
            return (Words($"According to the documents: {quote} [1]."), TimeSpan.FromMilliseconds(20));
        }

        if (model == "xss")
        {
            return (Words("Here: <script>window.__xss = 'script'</script> <img src=x onerror=\"window.__xss = 'img'\"> "
                + "[click me](javascript:window.__xss='link') ![pic](https://example.invalid/track.png) done."), TimeSpan.FromMilliseconds(5));
        }

        if (model.StartsWith("tokens-", StringComparison.Ordinal))
        {
            var count = int.Parse(model["tokens-".Length..], CultureInfo.InvariantCulture);
            return (LongAnswer(count), TimeSpan.FromMilliseconds(2));
        }

        return (Words($"You said: {question}\n\n```csharp\nvar answer = 42; // the answer\n```\n\nAnything else?"), TimeSpan.FromMilliseconds(25));
    }

    /// <summary><paramref name="count"/> tokens of Markdown: paragraphs, a list every 200 tokens and a code block every 500.</summary>
    private static List<string> LongAnswer(int count)
    {
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            tokens.Add((i % 500) switch
            {
                0 when i > 0 => "\n\n```python\ndef f(x):\n    return x * 2\n```\n\n",
                _ when i % 200 == 0 && i > 0 => "\n\n- item one\n- item two\n\n",
                _ when i % 40 == 39 => "end.\n\n",
                _ => "word" + (i % 97).ToString(CultureInfo.InvariantCulture) + " ",
            });
        }

        return tokens;
    }

    private static List<string> Words(string text) => [.. Regex.Split(text, "(?<= )").Where(t => t.Length > 0)];

    private static async Task EmbeddingsAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var data = new JsonArray([.. inputs.Select((text, i) => new JsonObject
        {
            ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray([.. Embed(text).Select(v => JsonValue.Create(v))]),
        })]);
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["model"] = "stub-embed",
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count },
        }, context.RequestAborted);
    }

    private static float[] Embed(string text) => HashedEmbeddings.Embed(text, Dimensions);

    [GeneratedRegex(@"\[1\][^\n]*\n([\s\S]{1,240})")]
    private static partial Regex SourceOne();

}
