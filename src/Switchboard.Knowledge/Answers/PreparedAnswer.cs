using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Answers;

/// <summary>
/// Everything decided before the answer is written: the conversation, the searched query, the numbered sources and,
/// for a generated answer, the model and the messages to send. Owned by one request.
/// </summary>
internal sealed record PreparedAnswer(
    KnowledgeCaller Caller,
    ConversationRecord? Conversation,
    string Question,
    string Query,
    string Mode,
    IReadOnlyList<Citation> Sources,
    string? Model,
    IReadOnlyList<ChatTurn> Messages,
    string? FixedText);
