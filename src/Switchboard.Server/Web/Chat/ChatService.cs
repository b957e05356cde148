using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Clients;
using Switchboard.Knowledge.Answers;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;
using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.KnowledgeBase;

namespace Switchboard.Server.Web.Chat;

/// <summary>
/// The chat page's actions: conversations (list, search, open, rename, delete, rewind, rate) and answers — plain model
/// chat through the gateway's in-process client, or knowledge-base answers with sources. Conversations of both kinds live
/// in the knowledge store (plain answers have mode <c>chat</c>); each belongs to its user alone. One per circuit.
/// </summary>
internal sealed class ChatService(
    WebUserAccessor users,
    WebKnowledgeCallers callers,
    KnowledgeStore store,
    KnowledgeAnswers answers,
    InProcessModelClient models,
    ChatModels catalog)
{
    public const string PlainMode = "chat";
    private const int HistoryMessages = 12;

    public async Task<IReadOnlyList<ConversationRecord>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.Chat, cancellationToken).ConfigureAwait(false);
        return store.ListConversations(user.TenantId.ToString("D"), user.Principal, search);
    }

    public async Task<ChatThread> LoadAsync(string conversationId, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.Chat, cancellationToken).ConfigureAwait(false);
        var conversation = Own(user, conversationId);
        return new ChatThread(conversation, [.. store.GetConversationMessages(conversation.Id).Select(View)]);
    }

    public async Task RenameAsync(string conversationId, string title, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.Chat, cancellationToken).ConfigureAwait(false);
        title = title.ReplaceLineEndings(" ").Trim();
        if (title.Length is 0 or > 200)
        {
            throw new WebValidationException("A title is 1-200 characters.");
        }

        store.RenameConversation(Own(user, conversationId).Id, title);
    }

    public async Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.Chat, cancellationToken).ConfigureAwait(false);
        store.DeleteConversation(Own(user, conversationId).Id);
    }

    /// <summary>Deletes <paramref name="messageId"/> and everything after it, before an edited question is sent again or an answer regenerated.</summary>
    public async Task RewindAsync(string conversationId, long messageId, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.Chat, cancellationToken).ConfigureAwait(false);
        store.DeleteMessagesFrom(Own(user, conversationId).Id, messageId);
    }

    /// <summary>Stores the user's rating of an answer: 1, -1, or null to take it back.</summary>
    public async Task RateAsync(string conversationId, long messageId, int? rating, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.Chat, cancellationToken).ConfigureAwait(false);
        if (!store.SetFeedback(Own(user, conversationId).Id, messageId, rating))
        {
            throw new WebValidationException("That answer no longer exists.");
        }
    }

    /// <summary>Starts an answer: decides the conversation, model and (for the knowledge base) sources; the text streams from the result.</summary>
    public async Task<ChatRun> StartAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.Chat, cancellationToken).ConfigureAwait(false);
        var message = request.Message.Trim();
        if (message.Length == 0)
        {
            throw new WebValidationException("Type a message first.");
        }

        if (request.Model is { } model && !catalog.Offers(model))
        {
            throw new WebValidationException($"The model '{model}' is not available.");
        }

        return request.UseKnowledge
            ? await StartKnowledgeAsync(user, request with { Message = message }, cancellationToken).ConfigureAwait(false)
            : StartPlain(user, request with { Message = message }, cancellationToken);
    }

    private ChatRun StartPlain(WebUser user, ChatRequest request, CancellationToken cancellationToken)
    {
        var alias = request.Model ?? catalog.Default ?? throw new WebValidationException("No chat model is configured.");
        var conversation = request.ConversationId is { } id
            ? Own(user, id)
            : store.CreateConversation(user.TenantId.ToString("D"), user.Principal, Title(request.Message), []);
        var messages = new JsonArray();
        foreach (var turn in store.GetConversationMessages(conversation.Id, HistoryMessages).Where(m => m.Role is "user" or "assistant"))
        {
            messages.Add(new JsonObject { ["role"] = turn.Role, ["content"] = turn.Content });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = request.Message });
        var deltas = PlainDeltas(user, alias, new JsonObject { ["messages"] = messages }, cancellationToken);
        return new ChatRun(conversation.Id, PlainMode, alias, [], deltas, text =>
        {
            var question = store.AppendMessage(conversation.Id, "user", request.Message, null, PlainMode, null);
            var answer = store.AppendMessage(conversation.Id, "assistant", text, null, PlainMode, alias);
            return [new(question, "user", request.Message, [], PlainMode, null, null), new(answer, "assistant", text, [], PlainMode, alias, null)];
        });
    }

    private async Task<ChatRun> StartKnowledgeAsync(WebUser user, ChatRequest request, CancellationToken cancellationToken)
    {
        var caller = await callers.ForAsync(user, cancellationToken).ConfigureAwait(false);
        PreparedAnswer prepared;
        try
        {
            prepared = await answers.PrepareAsync(caller,
                new AnswerRequest(request.Message, request.ConversationId, request.Collections.Count > 0 ? request.Collections : null, request.Model),
                null, cancellationToken).ConfigureAwait(false);
        }
        catch (SearchException ex)
        {
            throw new WebValidationException(ex.Message);
        }
        catch (KnowledgeModelException ex)
        {
            throw new ChatFailedException(ex.Message, ex);
        }

        var conversationId = prepared.Conversation!.Id;
        return new ChatRun(conversationId, prepared.Mode, prepared.Model, prepared.Sources, KnowledgeDeltas(prepared, cancellationToken), text =>
        {
            var result = answers.Finish(prepared, text, 0, 0);
            var stored = store.GetConversationMessages(conversationId, 2);
            store.SetMessageModel(stored[^1].Id, prepared.Model);
            return [View(stored[0]), View(stored[^1]) with { Model = prepared.Model, Citations = result.Citations }];
        });
    }

    private IAsyncEnumerable<string> PlainDeltas(WebUser user, string alias, JsonObject request, CancellationToken cancellationToken) =>
        models.StreamTextAsync(user.Gateway, alias, request, cancellationToken)
            .Translate((ModelCallException ex) => new ChatFailedException(ex.Message, ex), cancellationToken);

    private IAsyncEnumerable<string> KnowledgeDeltas(PreparedAnswer prepared, CancellationToken cancellationToken) =>
        answers.StreamAsync(prepared, cancellationToken)
            .Translate((KnowledgeModelException ex) => new ChatFailedException(ex.Message, ex), cancellationToken);

    private ConversationRecord Own(WebUser user, string conversationId) =>
        store.GetConversation(conversationId) is { } conversation && conversation.Tenant == user.TenantId.ToString("D") && conversation.Owner == user.Principal
            ? conversation
            : throw new WebValidationException("The conversation does not exist.");

    private static ChatMessageView View(ConversationMessage message) =>
        new(message.Id, message.Role, message.Content, Citations(message.Citations), message.Mode, message.Model, message.Feedback);

    private static List<Citation> Citations(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(json, AnswerJsonContext.Default.ListCitation) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Title(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }
}
