namespace Switchboard.Server.Web.Chat;

/// <summary>
/// A message to answer. Null <paramref name="ConversationId"/> starts a conversation; with <paramref name="UseKnowledge"/>
/// the answer comes from the knowledge base (the <paramref name="Collections"/> given, or every readable one when empty).
/// </summary>
internal sealed record ChatRequest(string Message, string? ConversationId, string? Model, bool UseKnowledge, IReadOnlyList<string> Collections);
