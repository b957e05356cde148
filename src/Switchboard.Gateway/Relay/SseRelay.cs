using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Relay;

/// <summary>
/// Streams an upstream SSE response to the client event by event as it arrives. Events are only
/// looked into to capture usage and the finish reason, and to drop the usage chunk the gateway asked
/// for on the client's behalf. The client response starts with the first event: until then the
/// attempt can still fail over. After it, a broken stream ends with an error event and never with
/// <c>[DONE]</c>, so a client can tell a cut answer from a finished one. Thread-safe.
/// </summary>
internal sealed class SseRelay(ILogger<SseRelay> logger)
{
    private const int ReadSize = 16 * 1024;

    /// <summary>
    /// Relays one upstream stream. A failure is returned only while nothing reached the client, or, for
    /// an alias in continue mode (<paramref name="continuation"/> set), when a started stream broke and
    /// another deployment can continue it (not <paramref name="isLast"/>).
    /// </summary>
    public async Task<AttemptFailure?> RelayAsync(HttpContext context, HttpResponseMessage response, RequestOutcome outcome,
        bool clientWantsUsage, TimeSpan idleTimeout, CancellationTokenSource attemptCts, StreamContinuation? continuation = null, bool isLast = true)
    {
        var clientAborted = context.RequestAborted;
        var writer = context.Response.BodyWriter;
        using var buffer = new PooledBuffer(ReadSize);
        var state = new StreamState(clientWantsUsage) { Continuation = continuation, Resumed = continuation?.Resumed == true };
        var waitStart = Stopwatch.GetTimestamp();
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(attemptCts.Token).ConfigureAwait(false);
            while (true)
            {
                if (state.Started)
                {
                    // Stall detection: each wait for the next event gets the idle timeout afresh.
                    attemptCts.CancelAfter(idleTimeout);
                }

                waitStart = Stopwatch.GetTimestamp();
                var read = await stream.ReadAsync(buffer.GetMemory(ReadSize / 4), attemptCts.Token).ConfigureAwait(false);
                outcome.UpstreamTicks += Stopwatch.GetTimestamp() - waitStart;
                waitStart = 0;
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                var forwarded = ForwardCompleteEvents(context, buffer, outcome, state, attemptCts);
                if (state.Lost)
                {
                    return ErrorTypes.LostRace;
                }

                if (forwarded)
                {
                    await writer.FlushAsync(clientAborted).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (!clientAborted.IsCancellationRequested && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            if (waitStart != 0)
            {
                outcome.UpstreamTicks += Stopwatch.GetTimestamp() - waitStart;
            }

            var failure = ex is OperationCanceledException
                ? new AttemptFailure(ErrorTypes.Timeout, state.Started
                    ? $"the upstream sent no event for {idleTimeout.TotalSeconds:0.###} s"
                    : "no stream event arrived in time")
                : new AttemptFailure(ErrorTypes.Connection, "the upstream connection was lost mid-stream");
            if (!state.Started)
            {
                return failure;
            }

            if (TryHandBack(state, failure.Detail, isLast) is { } handedBack)
            {
                return handedBack;
            }

            await EndWithErrorAsync(context, outcome, failure).ConfigureAwait(false);
            return null;
        }

        if (buffer.Length > 0)
        {
            // A last event without its blank line: complete it so the client can parse it.
            buffer.Write("\n\n"u8);
            ForwardCompleteEvents(context, buffer, outcome, state, attemptCts);
        }

        if (!state.Started)
        {
            return new AttemptFailure(ErrorTypes.UpstreamEmpty, "the stream closed before its first event");
        }

        if (!state.Done && !state.UpstreamSentError)
        {
            if (TryHandBack(state, "the upstream closed the stream before [DONE]", isLast) is { } handedBack)
            {
                return handedBack;
            }

            await EndWithErrorAsync(context, outcome, new AttemptFailure(ErrorTypes.StreamCut, "the upstream closed the stream before [DONE]"))
                .ConfigureAwait(false);
            return null;
        }

        if (state.UpstreamSentError)
        {
            outcome.ErrorType = "upstream_stream_error";
        }

        await writer.FlushAsync(clientAborted).ConfigureAwait(false);
        return null;
    }

    /// <summary>Writes every complete event in <paramref name="buffer"/> that the client should see; keeps the partial rest.</summary>
    private static bool ForwardCompleteEvents(HttpContext context, PooledBuffer buffer, RequestOutcome outcome, StreamState state,
        CancellationTokenSource attemptCts)
    {
        var consumed = 0;
        var forwarded = false;
        while (true)
        {
            var pending = buffer.WrittenSpan[consumed..];
            var end = SseEvents.FindEventEnd(pending);
            if (end < 0)
            {
                break;
            }

            var sseEvent = pending[..end];
            consumed += end;
            if (!ShouldForward(sseEvent, outcome, state))
            {
                continue;
            }

            if (state.Resumed && !state.Started)
            {
                // A continuation: the client stream is open already; its opening chunk would start a second answer.
                if (StreamContinuation.IsEmptyOpening(SseEvents.Data(sseEvent)))
                {
                    continue;
                }

                state.Started = true;
                attemptCts.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            if (!state.Started)
            {
                if (!outcome.TryClaimResponse())
                {
                    state.Lost = true;
                    break;
                }

                state.Started = true;
                // From here on the attempt is committed: no failover; the idle timeout replaces the first-byte one.
                attemptCts.CancelAfter(Timeout.InfiniteTimeSpan);
                StartResponse(context.Response);
                outcome.FirstByteTimestamp = Stopwatch.GetTimestamp();
            }

            state.Continuation?.Observe(SseEvents.Data(sseEvent));
            context.Response.BodyWriter.Write(sseEvent);
            outcome.StreamedEvents++;
            forwarded = true;
        }

        buffer.Consume(consumed);
        return forwarded;
    }

    private static bool ShouldForward(ReadOnlySpan<byte> sseEvent, RequestOutcome outcome, StreamState state)
    {
        var data = SseEvents.Data(sseEvent);
        if (data.IsEmpty)
        {
            return true;
        }

        if (SseEvents.IsDone(data))
        {
            state.Done = true;
            return true;
        }

        if (data.StartsWith("{\"error\""u8))
        {
            state.UpstreamSentError = true;
            return true;
        }

        if (!SseEvents.MayCarryUsageOrFinish(data))
        {
            return true;
        }

        var choices = ResponseScanner.Scan(data, outcome.Usage, out var hasUsage);
        // The usage-only chunk (no choices) exists because we asked for it; hide it unless the client did too.
        return state.ClientWantsUsage || !hasUsage || choices > 0;
    }

    private static void StartResponse(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>In continue mode, a broken stream goes back to the relay to be continued on the next deployment.</summary>
    private static AttemptFailure? TryHandBack(StreamState state, string detail, bool isLast)
    {
        if (state.Continuation is not { CanContinue: true } continuation || isLast)
        {
            return null;
        }

        continuation.MarkBroken(detail);
        return new AttemptFailure(ErrorTypes.StreamCut, detail);
    }

    public async Task EndWithErrorAsync(HttpContext context, RequestOutcome outcome, AttemptFailure failure)
    {
        // Whatever broke it, for the client and the metrics the stream was cut.
        outcome.ErrorType = ErrorTypes.StreamCut;
        RequestLog.StreamCut(logger, outcome.RequestId, outcome.Deployment ?? "", failure.Detail);
        var error = OpenAiError.Unavailable(StatusCodes.Status502BadGateway,
            $"The response from model '{outcome.Alias}' was cut off: {failure.Detail}. The answer is incomplete.") with { Code = "stream_interrupted" };
        var writer = context.Response.BodyWriter;
        writer.Write("data: "u8);
        using (var json = new System.Text.Json.Utf8JsonWriter(writer, OpenAiError.WriterOptions))
        {
            error.WriteTo(json);
        }

        writer.Write("\n\n"u8);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private sealed class StreamState(bool clientWantsUsage)
    {
        public bool ClientWantsUsage { get; } = clientWantsUsage;

        public bool Started { get; set; }

        public bool Done { get; set; }

        public bool UpstreamSentError { get; set; }

        /// <summary>A raced attempt whose rival reached the client first.</summary>
        public bool Lost { get; set; }

        /// <summary>Continue mode: the partial answer, kept for a continuation elsewhere.</summary>
        public StreamContinuation? Continuation { get; init; }

        /// <summary>This attempt continues a stream another deployment started.</summary>
        public bool Resumed { get; init; }
    }
}
