using System.Text;
using System.Text.Json;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Answers;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>
/// <c>POST /api/v1/chat</c>: an answer with numbered citations, whole or streamed as server-sent events
/// (<c>sources</c>, <c>delta</c>…, then <c>done</c> with the cited sources, or <c>error</c>); and
/// <c>GET /api/v1/conversations/{id}</c> for the caller's own conversations.
/// </summary>
internal static class ChatEndpoints
{
    public static async Task<IResult> ChatAsync(HttpContext context, KnowledgeCaller caller)
    {
        var (body, problem) = await ApiJson.ReadAsync(context, KnowledgeApiJsonContext.Default.ChatBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var answers = context.RequestServices.GetRequiredService<KnowledgeAnswers>();
        var request = new AnswerRequest(body.Message ?? "", body.ConversationId, body.Collections, body.Model, body.Tags, body.Mode, body.Strict);
        var prepared = await answers.PrepareAsync(caller, request, null, context.RequestAborted).ConfigureAwait(false);
        if (body.Stream != true)
        {
            var result = await answers.AnswerAsync(prepared, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(result, KnowledgeApiJsonContext.Default.AnswerResult);
        }

        await StreamAsync(context, answers, prepared).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    public static Task<IResult> ConversationAsync(HttpContext context, KnowledgeCaller caller)
    {
        var id = KnowledgeEndpoints.RouteValue(context, "id");
        var store = context.RequestServices.GetRequiredService<KnowledgeStore>();
        var conversation = store.GetConversation(id);
        if (conversation is null || conversation.Tenant != caller.Tenant || conversation.Owner != caller.Principal)
        {
            return Task.FromResult<IResult>(Problems.NotFound($"The conversation '{id}' does not exist."));
        }

        var messages = store.GetMessages(id, int.MaxValue).Select(m => new MessageView(m.Role, m.Content, m.Mode,
            m.Citations is null ? null : JsonSerializer.Deserialize(m.Citations, AnswerJsonContext.Default.ListCitation), m.CreatedAt)).ToList();
        return Task.FromResult<IResult>(TypedResults.Json(new ConversationView(conversation.Id, conversation.Title, conversation.Collections, messages),
            KnowledgeApiJsonContext.Default.ConversationView));
    }

    private static async Task StreamAsync(HttpContext context, KnowledgeAnswers answers, PreparedAnswer prepared)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await WriteAsync(response, new ChatEvent("sources", Citations: prepared.Sources, ConversationId: prepared.Conversation?.Id, Mode: prepared.Mode))
            .ConfigureAwait(false);
        var text = new StringBuilder();
        try
        {
            await foreach (var delta in answers.StreamAsync(prepared, context.RequestAborted).ConfigureAwait(false))
            {
                text.Append(delta);
                await WriteAsync(response, new ChatEvent("delta", Text: delta)).ConfigureAwait(false);
            }
        }
        catch (KnowledgeModelException ex)
        {
            await WriteAsync(response, new ChatEvent("error", Error: ex.Message)).ConfigureAwait(false);
            return;
        }

        var result = answers.Finish(prepared, text.ToString(), 0, 0);
        await WriteAsync(response, new ChatEvent("done", Citations: result.Citations, ConversationId: result.ConversationId, Mode: result.Mode))
            .ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpResponse response, ChatEvent item)
    {
        var json = JsonSerializer.Serialize(item, KnowledgeApiJsonContext.Default.ChatEvent);
        await response.WriteAsync($"data: {json}\n\n", response.HttpContext.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
