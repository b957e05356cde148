namespace Switchboard.Server.Web;

/// <summary>The web application's log messages.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Error, Message = "A web page action failed on {Page}")]
    public static partial void ActionFailed(ILogger logger, string page, Exception exception);
}
