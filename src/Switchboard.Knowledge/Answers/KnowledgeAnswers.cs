using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Answers;

/// <summary>
/// Answers questions from the knowledge base with numbered citations: rewrites a follow-up into a standalone query,
/// retrieves, decides whether anything relevant was found (strict mode says so instead of guessing), fits the best
/// passages into the model's context window, and has the model answer — or, with no model configured, returns the
/// best passages as an extractive answer. Conversations are persisted. Thread-safe.
/// </summary>
internal sealed partial class KnowledgeAnswers(KnowledgeStore store, KnowledgeSearch search, IKnowledgeModels models, Func<KnowledgeOptions> options)
{
    private const int HistoryTurns = 6;
    private const int DefaultContextWindow = 8192;

    /// <summary>Decides everything up to the model call. <paramref name="history"/> replaces the stored conversation (OpenAI-style clients send their own).</summary>
    public async Task<PreparedAnswer> PrepareAsync(KnowledgeCaller caller, AnswerRequest request, IReadOnlyList<ChatTurn>? history,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Message))
        {
            throw new SearchException(400, "The field 'message' must be a non-empty string.");
        }

        var settings = options();
        var collections = search.ReadableCollections(caller, request.Collections);
        ConversationRecord? conversation = null;
        if (history is null)
        {
            conversation = request.ConversationId is { } id ? OwnConversation(caller, id) : store.CreateConversation(caller.Tenant, caller.Principal,
                Title(request.Message), [.. collections.Select(c => c.Name)]);
            history = [.. store.GetMessages(conversation.Id, HistoryTurns * 2).Select(m => new ChatTurn(m.Role, m.Content))];
        }

        var single = collections.Count == 1 ? collections[0] : null;
        var model = request.Model ?? single?.ChatModel ?? settings.ChatModel;
        if (model is not null && !models.Exists(model))
        {
            throw new SearchException(400, $"The answering model '{model}' is not in the config.");
        }

        var query = await StandaloneQueryAsync(caller, request.Message, history, settings.RewriteModel ?? model, cancellationToken).ConfigureAwait(false);
        var found = await search.SearchAsync(caller, new SearchRequest(query, [.. collections.Select(c => c.Name)], request.Tags, null,
            settings.AnswerPassages * 2, request.SearchMode), cancellationToken).ConfigureAwait(false);
        var strict = request.Strict ?? single?.Strict ?? settings.Strict;
        var relevant = found.Results.Where(r => r.Coverage >= settings.MinTermCoverage || r.Similarity >= settings.MinSimilarity).ToList();
        var passages = (strict ? relevant : found.Results.ToList()).Take(settings.AnswerPassages).ToList();
        if (passages.Count == 0)
        {
            return new PreparedAnswer(caller, conversation, request.Message, query, AnswerModes.NotFound, [], null, [], AnswerTexts.NotFound(request.Message));
        }

        if (model is null)
        {
            var sources = Number(passages.Take(3).ToList());
            return new PreparedAnswer(caller, conversation, request.Message, query, AnswerModes.Extractive, sources, null, [],
                Extractive(request.Message, passages, query));
        }

        var template = single?.PromptTemplate ?? settings.PromptTemplate;
        var budget = (models.ContextWindow(model) ?? DefaultContextWindow) - settings.AnswerMaxTokens - Estimate(template) - Estimate(request.Message)
            - history.TakeLast(HistoryTurns).Sum(t => Estimate(t.Content)) - 64;
        var fitted = Fit(passages, budget);
        var numbered = Number(fitted);
        var messages = new List<ChatTurn> { new("system", template.Replace("{sources}", SourcesBlock(numbered, fitted), StringComparison.Ordinal)) };
        messages.AddRange(history.TakeLast(HistoryTurns).Where(t => t.Role is "user" or "assistant"));
        messages.Add(new ChatTurn("user", request.Message));
        return new PreparedAnswer(caller, conversation, request.Message, query, AnswerModes.Generated, numbered, model, messages, null);
    }

    /// <summary>Writes the whole answer and records it.</summary>
    public async Task<AnswerResult> AnswerAsync(PreparedAnswer prepared, CancellationToken cancellationToken)
    {
        if (prepared.FixedText is { } text)
        {
            return Finish(prepared, text, 0, 0);
        }

        var answer = await models.CompleteAsync(prepared.Caller, prepared.Model!, prepared.Messages, options().AnswerMaxTokens, cancellationToken)
            .ConfigureAwait(false);
        return Finish(prepared, answer.Text, answer.PromptTokens, answer.CompletionTokens);
    }

    /// <summary>Streams the answer's text; call <see cref="Finish"/> with the whole text afterwards.</summary>
    public IAsyncEnumerable<string> StreamAsync(PreparedAnswer prepared, CancellationToken cancellationToken) =>
        prepared.FixedText is { } text ? Once(text) : models.StreamAsync(prepared.Caller, prepared.Model!, prepared.Messages, options().AnswerMaxTokens, cancellationToken);

    /// <summary>Marks which sources the text cites and stores the exchange in the conversation.</summary>
    public AnswerResult Finish(PreparedAnswer prepared, string text, int promptTokens, int completionTokens)
    {
        var cited = CitedNumbers(text);
        var citations = prepared.Sources.Select(s => s with { Cited = cited.Contains(s.Number) || prepared.Mode == AnswerModes.Extractive }).ToList();
        if (prepared.Conversation is { } conversation)
        {
            store.AddMessage(conversation.Id, "user", prepared.Question);
            store.AddMessage(conversation.Id, "assistant", text, JsonSerializer.Serialize(citations, AnswerJsonContext.Default.ListCitation), prepared.Mode);
        }

        return new AnswerResult(prepared.Conversation?.Id, text, prepared.Mode, citations, prepared.Model, prepared.Query, promptTokens, completionTokens);
    }

    private ConversationRecord OwnConversation(KnowledgeCaller caller, string id)
    {
        var conversation = store.GetConversation(id);
        return conversation is not null && conversation.Tenant == caller.Tenant && conversation.Owner == caller.Principal
            ? conversation
            : throw new SearchException(404, $"The conversation '{id}' does not exist.");
    }

    /// <summary>
    /// A follow-up ("and for Linux?") searched alone finds nothing; a model rewrites it into a standalone query. With no
    /// model (or when it fails) the previous question is prepended, which keeps its key words in the search.
    /// </summary>
    private async Task<string> StandaloneQueryAsync(KnowledgeCaller caller, string message, IReadOnlyList<ChatTurn> history, string? model,
        CancellationToken cancellationToken)
    {
        var previous = history.LastOrDefault(t => t.Role == "user")?.Content;
        if (previous is null)
        {
            return message;
        }

        if (model is not null)
        {
            try
            {
                var transcript = string.Join("\n", history.TakeLast(4).Select(t => $"{t.Role}: {Clip(t.Content, 600)}"));
                var rewritten = await models.CompleteAsync(caller, model,
                [
                    new ChatTurn("system", "Rewrite the user's last question as one standalone search query that needs no conversation to be understood. "
                        + "Keep the user's language. Reply with the query only."),
                    new ChatTurn("user", $"Conversation:\n{transcript}\n\nLast question: {message}"),
                ], 100, cancellationToken).ConfigureAwait(false);
                var query = rewritten.Text.Trim().Trim('"', '«', '»').Trim();
                if (query.Length is > 0 and < 500)
                {
                    return query;
                }
            }
            catch (KnowledgeModelException)
            {
                // Fall back to the heuristic below; the answer itself reports model failures.
            }
        }

        return previous + " " + message;
    }

    private static List<Citation> Number(List<SearchResult> passages) =>
        [.. passages.Select((p, i) => new Citation(i + 1, p.DocumentId, p.DocumentName, p.Title, p.Collection, p.Section, p.PageStart, p.PageEnd,
            p.Highlight, $"/api/v1/documents/{p.DocumentId}/file" + (p.PageStart is { } page ? $"#page={page}" : ""), Cited: false))];

    private static string SourcesBlock(List<Citation> numbered, List<SearchResult> passages)
    {
        var text = new StringBuilder();
        for (var i = 0; i < numbered.Count; i++)
        {
            var c = numbered[i];
            text.Append('[').Append(c.Number).Append("] ").Append(c.Title ?? c.DocumentName);
            if (c.Section.Length > 0)
            {
                text.Append(" — ").Append(c.Section);
            }

            if (c.PageStart is { } page)
            {
                text.Append(" (p. ").Append(page).Append(')');
            }

            text.Append('\n').Append(passages[i].Text.Trim()).Append("\n\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The best passages that fit <paramref name="budget"/> tokens, at least one (cut to fit).</summary>
    private static List<SearchResult> Fit(List<SearchResult> passages, int budget)
    {
        var fitted = new List<SearchResult>();
        var used = 0;
        foreach (var passage in passages)
        {
            var cost = Estimate(passage.Text) + 16;
            if (used + cost > budget)
            {
                if (fitted.Count == 0)
                {
                    fitted.Add(passage with { Text = Clip(passage.Text, Math.Max(200, budget * 3)) });
                }

                break;
            }

            fitted.Add(passage);
            used += cost;
        }

        return fitted;
    }

    private static string Extractive(string question, List<SearchResult> passages, string query)
    {
        var terms = Highlighter.QueryTerms(query);
        var text = new StringBuilder(AnswerTexts.ExtractiveHeader(question)).Append("\n\n");
        foreach (var (passage, i) in passages.Take(3).Select((p, i) => (p, i)))
        {
            text.Append("- ").Append(BestSentences(passage.Text, terms)).Append(" [").Append(i + 1).Append("]\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The two sentences of a passage with the most query terms, in their original order.</summary>
    private static string BestSentences(string passage, HashSet<string> terms)
    {
        var sentences = SentenceEnd().Split(passage.Trim()).Where(s => s.Trim().Length > 0).ToList();
        var best = sentences.Select((s, i) => (s, i, Score: Highlighter.Highlight(s, terms).Coverage)).OrderByDescending(x => x.Score).ThenBy(x => x.i)
            .Take(2).OrderBy(x => x.i).Select(x => x.s.Trim());
        return Clip(Whitespace().Replace(string.Join(" ", best), " "), 600);
    }

    private static HashSet<int> CitedNumbers(string text) =>
        [.. CitationMarker().Matches(text).Select(m => int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Tokens, roughly: 1 per 3.5 characters is close for English and errs high for Russian BPE vocabularies.</summary>
    private static int Estimate(string text) => (int)Math.Ceiling(text.Length / 3.5);

    private static string Clip(string text, int characters) => text.Length <= characters ? text : text[..characters] + "…";

    private static string Title(string message) => Clip(message.ReplaceLineEndings(" ").Trim(), 80);

    private static async IAsyncEnumerable<string> Once(string text)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return text;
    }

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"(?<=[.!?…])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
