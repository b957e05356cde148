namespace Switchboard.Knowledge.Answers;

/// <summary>A question to the knowledge base. Null collections = all the caller may read; null model = the collection's or configured one.</summary>
internal sealed record AnswerRequest(
    string Message,
    string? ConversationId = null,
    IReadOnlyList<string>? Collections = null,
    string? Model = null,
    IReadOnlyList<string>? Tags = null,
    string? SearchMode = null,
    bool? Strict = null);
