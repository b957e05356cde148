using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Web.Chat;

/// <summary>A conversation with its messages, oldest first.</summary>
internal sealed record ChatThread(ConversationRecord Conversation, IReadOnlyList<ChatMessageView> Messages);
