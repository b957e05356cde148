using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Relay;

/// <summary>The relay of a response that is not an event stream: JSON answers and every upstream error.</summary>
internal static class WholeBodyRelay
{
    /// <summary>
    /// Relays a non-streamed response. The body is read completely before anything is sent, so a
    /// connection that breaks mid-body can still fail over, usage is read from the whole object, and an
    /// error body can be recognised as "context window exceeded" and fail over too.
    /// </summary>
    public static async Task<AttemptFailure?> RelayAsync(HttpContext context, HttpResponseMessage response, RequestOutcome outcome,
        AttemptSettings settings, CancellationToken attemptToken)
    {
        var length = response.Content.Headers.ContentLength;
        using var captured = new PooledBuffer((int)Math.Min(length ?? 4096, 1 << 20) + 1);
        var readStart = Stopwatch.GetTimestamp();
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(attemptToken).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(captured.GetMemory(), attemptToken).ConfigureAwait(false)) > 0)
            {
                captured.Advance(read);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return new AttemptFailure(ErrorTypes.Timeout, "the response body did not arrive in time");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return new AttemptFailure(ErrorTypes.Connection, "the connection broke while reading the response");
        }
        finally
        {
            outcome.UpstreamTicks += Stopwatch.GetTimestamp() - readStart;
        }

        var status = (int)response.StatusCode;
        if (!settings.IsLast && ContextWindowErrors.IsContextWindowExceeded(status, captured.WrittenMemory))
        {
            return new AttemptFailure(ErrorTypes.ContextWindow, "the prompt exceeds its context window");
        }

        if (response.IsSuccessStatusCode)
        {
            ResponseScanner.Scan(captured.WrittenSpan, outcome.Usage, out _);
        }

        if (!settings.IsLast && settings.FailoverOnContentFilter
            && ContentFilterResponses.IsContentFiltered(status, captured.WrittenMemory, outcome.Usage.FinishReason))
        {
            outcome.Usage.FinishReason = null;
            return new AttemptFailure(ErrorTypes.ContentFilter, "the provider's content filter refused the request");
        }

        if (!response.IsSuccessStatusCode)
        {
            outcome.ErrorType = ErrorTypes.OfUpstreamStatus(status);
        }

        if (!outcome.TryClaimResponse())
        {
            return ErrorTypes.LostRace;
        }

        var clientResponse = context.Response;
        clientResponse.StatusCode = status;
        clientResponse.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        clientResponse.ContentLength = captured.Length;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            clientResponse.Headers.RetryAfter = retryAfter.ToString();
        }

        await clientResponse.BodyWriter.WriteAsync(captured.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        return null;
    }
}
