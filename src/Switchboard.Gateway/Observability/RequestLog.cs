using Microsoft.Extensions.Logging;

namespace Switchboard.Gateway.Observability;

/// <summary>The one structured line logged per gateway request, and per failed upstream attempt.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "{RequestId} {Operation} key={KeyId} model={Alias} deployment={Deployment} status={Status} attempts={Attempts} request_bytes={RequestBytes} " +
                  "input_tokens={InputTokens} output_tokens={OutputTokens} finish={FinishReason} ttft_ms={TtftMs:F2} upstream_ms={UpstreamMs:F2} overhead_ms={OverheadMs:F3} error={ErrorType}")]
    public static partial void Completed(ILogger logger, string requestId, string operation, string? keyId, string? alias, string? deployment,
        int status, int attempts, int? requestBytes, int? inputTokens, int? outputTokens, string? finishReason, double? ttftMs, double upstreamMs,
        double overheadMs, string? errorType);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "{RequestId} attempt {Attempt} on {Deployment} failed ({ErrorType}: {Detail}); trying the next deployment")]
    public static partial void AttemptFailedTryingNext(ILogger logger, string requestId, int attempt, string deployment, string errorType, string detail);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning,
        Message = "{RequestId} stream from {Deployment} broke after output reached the client ({Detail}); ending it with an error event")]
    public static partial void StreamCut(ILogger logger, string requestId, string deployment, string detail);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information,
        Message = "{RequestId} {Strategy}: no answer from {Deployment} after {AfterMs:F0} ms; starting {Next} alongside")]
    public static partial void Hedging(ILogger logger, string requestId, string strategy, string deployment, double afterMs, string next);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "{RequestId} failed inside the gateway")]
    public static partial void Unhandled(ILogger logger, string requestId, Exception exception);
}
