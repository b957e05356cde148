namespace Switchboard.Server.Web.Components.Chat;

/// <summary>
/// A message on the chat page, stored or being written. Mutable: a streamed answer grows in place and bumps
/// <see cref="Version"/>, which its component compares to skip re-rendering messages that did not change. Owned by the page.
/// </summary>
public sealed class ChatEntry
{
    public long? Id { get; set; }

    public required string Role { get; init; }

    public string Text { get; set; } = "";

    public IReadOnlyList<SourceView> Citations { get; set; } = [];

    public string? Mode { get; set; }

    public string? Model { get; set; }

    public int? Feedback { get; set; }

    public bool Streaming { get; set; }

    public bool Stopped { get; set; }

    public string? Error { get; set; }

    public int Version { get; private set; }

    public bool IsUser => Role == "user";

    public void Changed() => Version++;

    internal static ChatEntry From(Web.Chat.ChatMessageView message) => new()
    {
        Id = message.Id,
        Role = message.Role,
        Text = message.Content,
        Citations = SourceView.From(message.Citations),
        Mode = message.Mode,
        Model = message.Model,
        Feedback = message.Feedback,
    };
}
