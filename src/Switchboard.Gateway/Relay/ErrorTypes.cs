using Microsoft.AspNetCore.Http;

namespace Switchboard.Gateway.Relay;

/// <summary>
/// The <c>error_type</c> values of logs and metrics, and of failed attempts. One place, because
/// failover, health and reporting all branch on them.
/// </summary>
internal static class ErrorTypes
{
    public const string Connection = "connection";
    public const string Timeout = "timeout";
    public const string RateLimited = "rate_limited";
    public const string Upstream5xx = "upstream_5xx";
    public const string Upstream4xx = "upstream_4xx";
    public const string UpstreamEmpty = "upstream_empty";
    public const string StreamCut = "stream_cut";
    public const string ContextWindow = "context_window";
    public const string ContentFilter = "content_filter";
    public const string Busy = "busy";
    public const string Unusable = "unusable";

    /// <summary>A raced attempt another attempt beat to the client: says nothing about the deployment.</summary>
    public const string Lost = "lost_race";

    public static readonly AttemptFailure LostRace = new(Lost, "another attempt answered first");

    /// <summary>The error type of an upstream error status.</summary>
    public static string OfUpstreamStatus(int status) =>
        status == StatusCodes.Status429TooManyRequests ? RateLimited : status >= 500 ? Upstream5xx : Upstream4xx;

    /// <summary>Why a request could not be sent, safe for the client: the exception's own message names host and port.</summary>
    public static string DescribeSendFailure(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "connection refused or reset",
        HttpRequestError.NameResolutionError => "host name could not be resolved",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "the connection closed before a response",
        HttpRequestError.InvalidResponse => "the response was not valid HTTP",
        HttpRequestError.ProxyTunnelError => "the proxy tunnel failed",
        _ => "the request could not be sent",
    };
}
