using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Text.RegularExpressions;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Knowledge;

/// <summary>
/// An OpenAI-compatible upstream for knowledge-base tests, on loopback: embeddings are hashed bags of word prefixes
/// (so texts sharing words are close), and the chat model answers from source [1] of the prompt it is given, citing
/// it — enough to check what the knowledge base sends and how it maps citations. Records every chat request.
/// </summary>
internal sealed partial class KnowledgeStub : IAsyncDisposable
{
    public const int Dimensions = 512;

    private readonly WebApplication _app;

    private KnowledgeStub(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl + "/v1";
    }

    public string BaseUrl { get; }

    public List<JsonObject> ChatRequests { get; } = [];

    /// <summary>How many of the next embedding calls answer 503 (a provider briefly down).</summary>
    public int FailNextEmbeddings;

    public static async Task<KnowledgeStub> StartAsync()
    {
        var app = LoopbackApp.Create();
        KnowledgeStub? stub = null;
        app.MapPost("/v1/embeddings", async context =>
        {
            if (Interlocked.Decrement(ref stub!.FailNextEmbeddings) >= 0)
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = "overloaded", ["type"] = "server_error" } });
                return;
            }

            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
            var data = new JsonArray([.. inputs.Select((text, i) => new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = new JsonArray([.. Embed(text).Select(v => JsonValue.Create(v))]),
            })]);
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["object"] = "list", ["data"] = data, ["model"] = "stub-embed", ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count },
            });
        });
        app.MapPost("/v1/chat/completions", async context =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            lock (stub!.ChatRequests)
            {
                stub.ChatRequests.Add(body);
            }

            var answer = Answer(body);
            if (body["stream"]?.GetValue<bool>() == true)
            {
                context.Response.ContentType = "text/event-stream";
                foreach (var part in Regex.Split(answer, @"(?<= )"))
                {
                    await context.Response.WriteAsync($"data: {{\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"model\":\"stub\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{JsonValue.Create(part).ToJsonString()}}},\"finish_reason\":null}}]}}\n\n");
                    await context.Response.Body.FlushAsync();
                }

                await context.Response.WriteAsync("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"model\":\"stub\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}\n\ndata: [DONE]\n\n");
                return;
            }

            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "c", ["object"] = "chat.completion", ["model"] = "stub",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer }, ["finish_reason"] = "stop" }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
            });
        });
        var url = await LoopbackApp.StartAsync(app);
        stub = new KnowledgeStub(app, url);
        return stub;
    }

    /// <summary>The stub's embedding of <paramref name="text"/> (<see cref="HashedEmbeddings"/>).</summary>
    public static float[] Embed(string text) => HashedEmbeddings.Embed(text, Dimensions);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Rewrites: echo the last question with a marker. Answers: quote the start of source [1] and cite it.</summary>
    private static string Answer(JsonObject body)
    {
        var messages = body["messages"]!.AsArray();
        var system = messages[0]!["content"]!.GetValue<string>();
        if (system.StartsWith("Rewrite", StringComparison.Ordinal))
        {
            // "standalone: <first question of the transcript> + <last question>", like a model folding the context in.
            var user = messages[^1]!["content"]!.GetValue<string>();
            var first = Regex.Match(user, @"user: ([^\n]*)").Groups[1].Value;
            return $"standalone: {first} + {user[(user.IndexOf("Last question: ", StringComparison.Ordinal) + 15)..]}";
        }

        if (system.StartsWith("You rate", StringComparison.Ordinal))
        {
            // Scores rising with the passage number: the re-ranked order is the first stage's, reversed.
            var passages = Regex.Count(messages[^1]!["content"]!.GetValue<string>(), @"^\[\d+\]", RegexOptions.Multiline);
            return "{\"scores\": [" + string.Join(", ", Enumerable.Range(1, passages)) + "]}";
        }

        var source = Regex.Match(system, @"\[1\][^\n]*\n([^\n]{0,80})");
        return source.Success ? $"From the documents: {source.Groups[1].Value.Trim()} [1]." : "No sources were given.";
    }

}
