namespace Switchboard.Server.Web.Components.Chat;

/// <summary>What the next message is sent with: the alias, whether the knowledge base answers, and from which collections (none = all readable). Owned by the chat page, edited by its composer.</summary>
public sealed class ChatSettings
{
    public string? Model { get; set; }

    public bool UseKnowledge { get; set; }

    public IReadOnlyCollection<string> Collections { get; set; } = [];
}
