using Switchboard.Knowledge.Answers;

namespace Switchboard.Server.Web.Chat;

/// <summary>A stored message as the chat page shows it: text (Markdown for answers), sources, the alias that wrote it, the user's rating.</summary>
internal sealed record ChatMessageView(long Id, string Role, string Content, IReadOnlyList<Citation> Citations, string? Mode, string? Model, int? Feedback);
