namespace Switchboard.Server.Web.Auth;

/// <summary>The user's role or the collection's rights do not allow the action. The page says so; nothing was changed.</summary>
internal sealed class WebForbiddenException(string message) : Exception(message);
