namespace Switchboard.Server.Web.Chat;

/// <summary>The model call behind an answer failed (refused, unavailable, cut); the message is fit to show.</summary>
internal sealed class ChatFailedException(string message, Exception? inner = null) : Exception(message, inner);
