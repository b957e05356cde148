namespace Switchboard.Knowledge.Answers;

/// <summary>An answer with its sources, in the conversation it belongs to. <paramref name="Query"/> is the standalone query that was searched.</summary>
internal sealed record AnswerResult(string? ConversationId, string Answer, string Mode, IReadOnlyList<Citation> Citations, string? Model, string Query,
    int PromptTokens = 0, int CompletionTokens = 0);
