namespace Switchboard.Knowledge.Store;

/// <summary>
/// A conversation turn with what the web application shows next to it: the alias that wrote an answer and the asker's
/// rating of it (<c>1</c> thumbs up, <c>-1</c> thumbs down, null when not rated). <paramref name="Citations"/> is the sources JSON.
/// </summary>
internal sealed record ConversationMessage(long Id, string Role, string Content, string? Citations, string? Mode, string? Model, int? Feedback,
    DateTimeOffset CreatedAt);
