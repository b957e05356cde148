namespace Switchboard.Server.Web;

/// <summary>A request from the page that cannot be done as asked (a bad name, a duplicate, a missing document); the message says why.</summary>
internal sealed class WebValidationException(string message) : Exception(message);
