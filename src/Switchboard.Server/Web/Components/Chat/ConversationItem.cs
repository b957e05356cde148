using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Web.Components.Chat;

/// <summary>A conversation in the list: its title and whether it was started with the knowledge base.</summary>
public sealed record ConversationItem(string Id, string Title, bool Knowledge, DateTimeOffset UpdatedAt)
{
    internal static ConversationItem From(ConversationRecord conversation) =>
        new(conversation.Id, conversation.Title, conversation.Collections.Count > 0, conversation.UpdatedAt);
}
