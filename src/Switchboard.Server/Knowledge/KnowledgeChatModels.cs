using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Endpoints;
using Switchboard.Gateway.Protocol;
using Switchboard.Knowledge.Answers;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// <c>kb/&lt;collection&gt;</c> as a model for OpenAI clients: the last user message is the question, earlier messages
/// are the conversation, and the answer comes back as a chat completion (or its SSE chunks) whose <c>switchboard</c>
/// extension field carries the sources, the answer mode and the searched query. Errors use OpenAI's shape.
/// </summary>
internal sealed class KnowledgeChatModels(KnowledgeStore store, KnowledgeAnswers answers, KnowledgeCallers callers, TimeProvider time) : IVirtualModelHandler
{
    public string Prefix => "kb/";

    public IReadOnlyList<string> List(GatewayCaller caller)
    {
        return callers.Of(caller) is { } knowledgeCaller
            ? [.. store.ListCollections(knowledgeCaller.Tenant).Where(knowledgeCaller.CanUse).Select(c => Prefix + c.Name)]
            : [];
    }

    public async Task HandleChatAsync(HttpContext context, GatewayCaller caller, string model, ReadOnlyMemory<byte> body)
    {
        var cancellationToken = context.RequestAborted;
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body.Span) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            await OpenAiError.BadRequest("The body must be a JSON object.").WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        var turns = (request["messages"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => new ChatTurn(m["role"]?.GetValue<string>() ?? "", Text(m["content"]))).ToList();
        var question = turns.LastOrDefault(t => t.Role == "user");
        if (question is null || question.Content.Length == 0)
        {
            await OpenAiError.BadRequest("The messages must end with a user message that has text.", "messages").WriteAsync(context.Response, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var history = turns.Take(turns.LastIndexOf(question)).Where(t => t.Role is "user" or "assistant").ToList();
        var stream = request["stream"]?.GetValue<bool>() == true;
        if (callers.Of(caller) is not { } knowledgeCaller)
        {
            await OpenAiError.ModelNotFound(model).WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        PreparedAnswer prepared;
        try
        {
            prepared = await answers.PrepareAsync(knowledgeCaller, new AnswerRequest(question.Content, Collections: [model[Prefix.Length..]]),
                history, cancellationToken).ConfigureAwait(false);
        }
        catch (SearchException ex)
        {
            var error = ex.Status == 404 ? OpenAiError.ModelNotFound(model) : OpenAiError.BadRequest(ex.Message);
            await error.WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (KnowledgeModelException ex)
        {
            await OpenAiError.Unavailable(502, ex.Message).WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        if (stream)
        {
            await StreamAsync(context, prepared, model, id).ConfigureAwait(false);
            return;
        }

        AnswerResult result;
        try
        {
            result = await answers.AnswerAsync(prepared, cancellationToken).ConfigureAwait(false);
        }
        catch (KnowledgeModelException ex)
        {
            await OpenAiError.Unavailable(502, ex.Message).WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        var completion = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = result.Answer },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = result.PromptTokens,
                ["completion_tokens"] = result.CompletionTokens,
                ["total_tokens"] = result.PromptTokens + result.CompletionTokens,
            },
            ["switchboard"] = Extension(result.Mode, result.Query, result.Citations),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(completion.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, PreparedAnswer prepared, string model, string id)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var text = new StringBuilder();
        try
        {
            await foreach (var delta in answers.StreamAsync(prepared, context.RequestAborted).ConfigureAwait(false))
            {
                text.Append(delta);
                await WriteAsync(response, Chunk(id, created, model, new JsonObject { ["content"] = delta }, null)).ConfigureAwait(false);
            }
        }
        catch (KnowledgeModelException ex)
        {
            // Like a cut upstream stream: an error event and no [DONE].
            await WriteAsync(response, new JsonObject { ["error"] = new JsonObject { ["message"] = ex.Message, ["type"] = "stream_interrupted" } })
                .ConfigureAwait(false);
            return;
        }

        var result = answers.Finish(prepared, text.ToString(), 0, 0);
        var last = Chunk(id, created, model, new JsonObject(), "stop");
        last["switchboard"] = Extension(result.Mode, result.Query, result.Citations);
        await WriteAsync(response, last).ConfigureAwait(false);
        await response.WriteAsync("data: [DONE]\n\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject Chunk(string id, long created, string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static JsonObject Extension(string mode, string query, IReadOnlyList<Citation> citations) => new()
    {
        ["mode"] = mode,
        ["query"] = query,
        ["sources"] = JsonSerializer.SerializeToNode(citations.ToList(), AnswerJsonContext.Default.ListCitation),
    };

    private static async Task WriteAsync(HttpResponse response, JsonObject item)
    {
        await response.WriteAsync($"data: {item.ToJsonString()}\n\n", response.HttpContext.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A message's text: a string, or the text parts of a content array.</summary>
    private static string Text(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonArray parts => string.Join("\n", parts.OfType<JsonObject>().Where(p => p["type"]?.GetValue<string>() == "text")
            .Select(p => p["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}
