namespace Switchboard.Server.Web.Auth;

/// <summary>The page's session has ended (expired, logged out, user disabled); the page is being sent to the login form.</summary>
internal sealed class WebSessionEndedException() : Exception("The session has ended; log in again.");
