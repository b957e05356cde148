using Switchboard.Knowledge.Answers;

namespace Switchboard.Server.Web.Chat;

/// <summary>
/// One answer being written: its conversation, sources (known before the first token) and text deltas. Read
/// <see cref="Deltas"/> once, then call <see cref="Finish"/> with the whole text shown — also after a stop, so what the
/// user saw is what is stored. Owned by the page that started it.
/// </summary>
internal sealed class ChatRun(string conversationId, string mode, string? model, IReadOnlyList<Citation> sources, IAsyncEnumerable<string> deltas,
    Func<string, ChatMessageView[]> finish)
{
    public string ConversationId { get; } = conversationId;

    /// <summary><c>chat</c> for a plain model answer, else the knowledge base's mode (<c>generated</c>, <c>extractive</c>, <c>not_found</c>).</summary>
    public string Mode { get; } = mode;

    public string? Model { get; } = model;

    public IReadOnlyList<Citation> Sources { get; } = sources;

    public IAsyncEnumerable<string> Deltas { get; } = deltas;

    /// <summary>Stores the question and <paramref name="text"/> as the answer; returns both as stored (question first).</summary>
    public ChatMessageView[] Finish(string text) => finish(text);
}
