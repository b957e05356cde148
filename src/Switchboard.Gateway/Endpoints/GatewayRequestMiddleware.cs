using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Endpoints;

/// <summary>
/// Outermost middleware of every <c>/v1</c> request: assigns the request id, adds the
/// <c>x-request-id</c> and <c>x-switchboard-overhead-ms</c> headers, and reports the outcome once
/// (log line, metrics, limits and budget settlement, usage ledger, trace) however the request ended —
/// including client disconnects.
/// </summary>
internal sealed class GatewayRequestMiddleware(RequestDelegate next, Accounting.RequestCompletion completion, ILogger<GatewayRequestMiddleware> logger)
{
    public const string RequestIdHeader = "x-request-id";
    public const string OverheadHeader = "x-switchboard-overhead-ms";
    private static readonly object OutcomeKey = new();

    public static RequestOutcome GetOutcome(HttpContext context) => (RequestOutcome)context.Items[OutcomeKey]!;

    public async Task InvokeAsync(HttpContext context)
    {
        var outcome = new RequestOutcome(RequestIds.FromHeaderOrNew(context.Request.Headers[RequestIdHeader]), OperationOf(context.Request.Path),
            Stopwatch.GetTimestamp());
        context.Items[OutcomeKey] = outcome;
        context.Response.Headers[RequestIdHeader] = outcome.RequestId;
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            var overhead = GetOutcome(ctx).OverheadMilliseconds(Stopwatch.GetTimestamp());
            ctx.Response.Headers[OverheadHeader] = overhead.ToString("0.###", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }, context);

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the upstream request was cancelled with it.
            outcome.Status = StatusCodes.Status499ClientClosedRequest;
            outcome.ErrorType ??= "client_cancelled";
        }
        catch (Exception ex)
        {
            RequestLog.Unhandled(logger, outcome.RequestId, ex);
            outcome.ErrorType = "internal";
            if (context.Response.HasStarted)
            {
                context.Abort();
            }
            else
            {
                context.Response.Clear();
                await OpenAiError.Internal(outcome.RequestId).WriteAsync(context.Response, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            Report(context, outcome);
        }
    }

    private void Report(HttpContext context, RequestOutcome outcome)
    {
        if (outcome.Status == 0)
        {
            outcome.Status = context.Response.StatusCode;
        }

        var now = Stopwatch.GetTimestamp();
        completion.Complete(outcome, now);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var overheadMs = outcome.OverheadMilliseconds(now);
            double? ttftMs = outcome.FirstByteTimestamp == 0 ? null : outcome.ElapsedSeconds(outcome.FirstByteTimestamp) * 1000;
            RequestLog.Completed(logger, outcome.RequestId, outcome.Operation, outcome.KeyId, outcome.Alias, outcome.Deployment, outcome.Status,
                outcome.Attempts, outcome.RequestBytes, outcome.Usage.InputTokens, outcome.Usage.OutputTokens, outcome.Usage.FinishReason, ttftMs,
                outcome.UpstreamMilliseconds, overheadMs, outcome.ErrorType);
        }

        GatewayTelemetry.Complete(outcome.Activity, outcome);
    }

    private static string OperationOf(PathString path) =>
        path.StartsWithSegments("/v1/chat") ? "chat"
        : path.StartsWithSegments("/v1/embeddings") ? "embeddings"
        : path.StartsWithSegments("/v1/completions") ? "text_completion"
        : "models";
}
