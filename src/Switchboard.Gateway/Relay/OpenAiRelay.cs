using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Health;

namespace Switchboard.Gateway.Relay;

/// <summary>
/// Relays one OpenAI-compatible request to an alias's deployments: the body goes out with surgical
/// edits, the response comes back as it arrives. The selector decides which deployments may serve and
/// in what order; a deployment that fails before anything reached the client (connection error,
/// timeout, 429, 5xx, context window exceeded, at its concurrency limit) is followed by the next one,
/// optionally for several rounds with backoff; after the first byte, failures are reported to the
/// client in-band. Thread-safe; one instance serves all requests.
/// </summary>
internal sealed partial class OpenAiRelay(ProviderAdapters providers, IDeploymentSelector selector, SseRelay sseRelay, GatewayMetrics metrics, ILogger<OpenAiRelay> logger,
    TimeProvider time)
{
    public async Task RelayAsync(HttpContext context, RequestOutcome outcome, ModelRoute route, GatewayOptions options,
        UpstreamOperation operation, PooledBuffer body, InspectedRequest request, RoutePreference preference, AggregationStrategy? strategy = null)
    {
        var features = RequestFeatures.Of(operation, request);
        if (selector.SelectAttemptOrder(route, features, preference, options.Health, out var order) is { } refusal)
        {
            order.Dispose();
            outcome.ErrorType = "no_eligible_deployment";
            await refusal.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (strategy is { Kind: StrategyKind.Fastest or StrategyKind.Hedge } && order.Count > 1)
        {
            await RaceAsync(context, outcome, route, options, operation, body, request, strategy, order).ConfigureAwait(false);
            return;
        }

        await TryInOrderAsync(context, outcome, route, options, operation, body, request, preference, features, order).ConfigureAwait(false);
    }

    /// <summary>
    /// Goes through the attempt order (and, with retries, through fresh orders after a pause) until a
    /// deployment serves the request; writes the combined failure when none did. Owns and disposes
    /// <paramref name="deployments"/>.
    /// </summary>
    private async Task TryInOrderAsync(HttpContext context, RequestOutcome outcome, ModelRoute route, GatewayOptions options,
        UpstreamOperation operation, PooledBuffer body, InspectedRequest request, RoutePreference preference, RequestFeatures features, AttemptOrder deployments)
    {
        var continuation = route.ContinueOnCut && request.Stream && operation == UpstreamOperation.ChatCompletions ? new StreamContinuation() : null;
        PooledBuffer? continuationBody = null;
        try
        {
            var retry = options.Retry;
            var deadline = options.TotalTimeoutSeconds > 0 ? time.GetUtcNow() + TimeSpan.FromSeconds(options.TotalTimeoutSeconds) : DateTimeOffset.MaxValue;
            List<(Deployment Deployment, AttemptFailure Failure)>? failures = null;
            int? exceededWindow = null;
            TimeSpan? longestRetryAfter = null;
            var outOfTime = false;
            for (var round = 0; !outOfTime; round++)
            {
                for (var i = 0; i < deployments.Count; i++)
                {
                    var deployment = deployments[i];
                    var remaining = deadline - time.GetUtcNow();
                    if (remaining <= TimeSpan.Zero)
                    {
                        (failures ??= []).Add((deployment, new AttemptFailure(ErrorTypes.Timeout, $"the request's total budget of {options.TotalTimeoutSeconds:0.###} s ran out")));
                        outOfTime = true;
                        break;
                    }

                    // The last attempt overall passes an upstream error through as it is instead of failing over.
                    var isLast = retry.MaxAttempts > 0
                        ? outcome.Attempts + 1 >= retry.MaxAttempts
                        : i == deployments.Count - 1;
                    if (exceededWindow is { } window && deployment.MaxContextTokens <= window && !isLast)
                    {
                        // Known to be no larger than a window the prompt already overflowed.
                        (failures ??= []).Add((deployment, new AttemptFailure(ErrorTypes.ContextWindow, $"window {deployment.MaxContextTokens} tokens is too small")));
                        continue;
                    }

                    var settings = new AttemptSettings(Min(TimeSpan.FromSeconds(options.UpstreamTimeoutSeconds), remaining),
                        TimeSpan.FromSeconds(options.StreamIdleTimeoutSeconds), isLast, route.FailoverOnContentFilter);
                    var failure = await AttemptAsync(context, outcome, deployment, operation, continuationBody ?? body, request, options.Health, remaining,
                            settings, continuation, context.RequestAborted)
                        .ConfigureAwait(false);
                    if (failure is not { } failed)
                    {
                        return;
                    }

                    if (continuation is { Broken: true })
                    {
                        // Continue mode: the next deployment gets the partial answer as prefill and streams on.
                        var bytes = continuation.ContinuationBody(body.WrittenSpan);
                        continuationBody?.Dispose();
                        continuationBody = new PooledBuffer(bytes.Length);
                        continuationBody.Write(bytes);
                        RequestInspector.Inspect(continuationBody.WrittenSpan, operation, out request);
                    }

                    (failures ??= []).Add((deployment, failed));
                    exceededWindow = failed.ErrorType == ErrorTypes.ContextWindow ? deployment.MaxContextTokens ?? exceededWindow : exceededWindow;
                    longestRetryAfter = failed.RetryAfter > (longestRetryAfter ?? TimeSpan.Zero) ? failed.RetryAfter : longestRetryAfter;
                    if (!isLast)
                    {
                        metrics.RecordFailedAttempt(route.Alias, deployment.Name, failed.ErrorType);
                        RequestLog.AttemptFailedTryingNext(logger, outcome.RequestId, outcome.Attempts, deployment.Name, failed.ErrorType, failed.Detail);
                    }
                    else if (retry.MaxAttempts > 0)
                    {
                        break;
                    }
                }

                // Rounds are capped too: deployments that are only ever busy never count as attempts.
                if (outOfTime || retry.MaxAttempts == 0 || outcome.Attempts >= retry.MaxAttempts || round + 1 >= retry.MaxAttempts)
                {
                    break;
                }

                var pause = RetryBackoff.Delay(round, retry, longestRetryAfter, Random.Shared.NextDouble());
                if (time.GetUtcNow() + pause >= deadline)
                {
                    break;
                }

                await Task.Delay(pause, time, context.RequestAborted).ConfigureAwait(false);
                // Health may have changed while waiting; an alias with nothing eligible any more ends here.
                deployments.Dispose();
                if (selector.SelectAttemptOrder(route, features, preference, options.Health, out deployments) is not null)
                {
                    break;
                }
            }

            if (continuation is { Resumed: true })
            {
                // The client stream is open: the failure can only be told in-band.
                await sseRelay.EndWithErrorAsync(context, outcome,
                        new AttemptFailure(ErrorTypes.StreamCut, $"{continuation.BreakDetail}, and no other deployment could continue it"))
                    .ConfigureAwait(false);
                return;
            }

            await WriteAllFailedAsync(context, outcome, route, failures!).ConfigureAwait(false);
        }
        finally
        {
            continuationBody?.Dispose();
            deployments.Dispose();
        }
    }

    /// <summary>
    /// One attempt on one deployment: concurrency slot, in-flight count, health and latency bookkeeping
    /// around it. <paramref name="abort"/> is the client's abort, or for a raced attempt also its rival's win.
    /// </summary>
    private async Task<AttemptFailure?> AttemptAsync(HttpContext context, RequestOutcome outcome, Deployment deployment, UpstreamOperation operation,
        PooledBuffer body, InspectedRequest request, HealthOptions health, TimeSpan remaining, AttemptSettings settings,
        StreamContinuation? continuation, CancellationToken abort)
    {
        if (deployment.MaxConcurrency is { } limit
            && !await deployment.State.Gate.TryEnterAsync(limit, deployment.MaxQueue, Min(deployment.MaxQueueWait, remaining), time, abort)
                .ConfigureAwait(false))
        {
            // Busy is not a fault: no attempt, no health report, just the next deployment.
            return new AttemptFailure(ErrorTypes.Busy, $"at its limit of {limit} concurrent requests");
        }

        outcome.Attempts++;
        outcome.Deployment = deployment.Name;
        outcome.ProviderName = deployment.Provider.Name;
        outcome.Served = true;
        outcome.Price = deployment.Price;
        var attemptStart = Stopwatch.GetTimestamp();
        deployment.State.Enter();
        AttemptFailure? failure;
        try
        {
            failure = await TryDeploymentAsync(context, outcome, deployment, operation, body, request, settings, continuation, abort).ConfigureAwait(false);
        }
        finally
        {
            deployment.State.Exit();
            if (deployment.MaxConcurrency is not null)
            {
                deployment.State.Gate.Release();
            }
        }

        if (outcome.Claim?.LostBy(outcome) == true)
        {
            // Cancelled or beaten by a rival: nothing learnt about this deployment.
            return ErrorTypes.LostRace;
        }

        deployment.State.Health.Report(Classify(failure, outcome, context.Response), health, failure?.RetryAfter ?? RetryAfterOf(context.Response));
        if (failure is null && context.Response.StatusCode < 400)
        {
            RecordLatency(deployment.State, outcome, attemptStart);
        }

        return failure;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>What an attempt says about the deployment's health.</summary>
    private static AttemptResult Classify(AttemptFailure? failure, RequestOutcome outcome, HttpResponse response)
    {
        if (failure is { } failed)
        {
            return failed.ErrorType switch
            {
                ErrorTypes.RateLimited => AttemptResult.RateLimited,
                ErrorTypes.Unusable or ErrorTypes.ContextWindow or ErrorTypes.ContentFilter => AttemptResult.Neutral,
                _ => AttemptResult.Failure,
            };
        }

        // Served: by the response passed through, or cut mid-stream after the first byte.
        return outcome.ErrorType == ErrorTypes.StreamCut ? AttemptResult.Failure
            : response.StatusCode == StatusCodes.Status429TooManyRequests ? AttemptResult.RateLimited
            : response.StatusCode >= 500 ? AttemptResult.Failure
            : AttemptResult.Success;
    }

    private static TimeSpan? RetryAfterOf(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status429TooManyRequests
        && int.TryParse(response.Headers.RetryAfter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static void RecordLatency(DeploymentState state, RequestOutcome outcome, long attemptStart)
    {
        var now = Stopwatch.GetTimestamp();
        if (outcome.FirstByteTimestamp > attemptStart)
        {
            state.RecordTimeToFirstToken(Stopwatch.GetElapsedTime(attemptStart, outcome.FirstByteTimestamp).TotalMilliseconds);
        }

        state.RecordLatency(Stopwatch.GetElapsedTime(attemptStart, now).TotalMilliseconds);
    }

    private async Task<AttemptFailure?> TryDeploymentAsync(HttpContext context, RequestOutcome outcome, Deployment deployment,
        UpstreamOperation operation, PooledBuffer body, InspectedRequest request, AttemptSettings settings,
        StreamContinuation? continuation, CancellationToken abort)
    {
        var (timeout, idleTimeout, isLast, _) = settings;
        if (deployment.Provider.UnusableReason is { } reason)
        {
            return new AttemptFailure(ErrorTypes.Unusable, reason);
        }

        var clientAborted = context.RequestAborted;
        var provider = deployment.Provider;
        // Translated providers (ADR 006) are adapted at the attempt's edges; OpenAI-compatible ones are relayed as they are.
        var adapter = provider.Type == ProviderTypes.OpenAi ? null : providers.For(provider);
        if (adapter is not null && !adapter.Supports(operation))
        {
            return new AttemptFailure(ErrorTypes.Unusable, $"a {provider.Type} provider does not serve {UpstreamRequestFactory.PathOf(operation)}");
        }

        using var upstreamBody = RequestRewriter.Rewrite(body.WrittenSpan, request, deployment);
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(abort);
        attemptCts.CancelAfter(timeout);
        var adapterRequest = adapter is null ? null : new AdapterRequest(deployment, operation, upstreamBody.WrittenMemory, request.Stream, outcome.RequestId);
        HttpRequestMessage upstreamRequest;
        try
        {
            upstreamRequest = adapter is null
                ? UpstreamRequestFactory.Create(deployment, operation, upstreamBody, request.Stream, outcome.RequestId)
                : await adapter.CreateRequestAsync(adapterRequest!, attemptCts.Token).ConfigureAwait(false);
        }
        catch (ProviderException ex)
        {
            return new AttemptFailure(ex.ErrorType, ex.Message);
        }
        catch (OperationCanceledException) when (!clientAborted.IsCancellationRequested)
        {
            return new AttemptFailure(ErrorTypes.Timeout, $"no credential within {timeout.TotalSeconds:0.###} s");
        }

        using var sentRequest = upstreamRequest;
        var sentAt = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            var client = adapter?.Http ?? providers.ClientFor(provider);
            response = await client.SendAsync(upstreamRequest, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
            adapter?.AdaptResponse(response, adapterRequest!);
        }
        catch (OperationCanceledException) when (!clientAborted.IsCancellationRequested)
        {
            return new AttemptFailure(ErrorTypes.Timeout, $"no response within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptFailure(ErrorTypes.Connection, ErrorTypes.DescribeSendFailure(ex));
        }
        finally
        {
            outcome.UpstreamTicks += Stopwatch.GetTimestamp() - sentAt;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (UpstreamRequestFactory.IsFailoverStatus(status) && !isLast)
            {
                return new AttemptFailure(ErrorTypes.OfUpstreamStatus(status), $"HTTP {status}",
                    status == StatusCodes.Status429TooManyRequests ? RetryAfterOf(response) : null);
            }

            if (response.IsSuccessStatusCode && IsEventStream(response.Content.Headers.ContentType))
            {
                return await sseRelay.RelayAsync(context, response, outcome, request.ClientIncludeUsage, idleTimeout, attemptCts, continuation, isLast)
                    .ConfigureAwait(false);
            }

            if (continuation is { Resumed: true })
            {
                // A continuation cannot pass an answer through: the client's stream has started already.
                return new AttemptFailure(response.IsSuccessStatusCode ? ErrorTypes.UpstreamEmpty : ErrorTypes.OfUpstreamStatus(status),
                    $"HTTP {status} instead of a stream");
            }

            return await WholeBodyRelay.RelayAsync(context, response, outcome, settings, attemptCts.Token).ConfigureAwait(false);
        }
    }

    private static Task WriteAllFailedAsync(HttpContext context, RequestOutcome outcome, ModelRoute route,
        List<(Deployment Deployment, AttemptFailure Failure)> failures)
    {
        if (failures.TrueForAll(f => f.Failure.ErrorType == ErrorTypes.Busy))
        {
            outcome.ErrorType = ErrorTypes.Busy;
            context.Response.Headers.RetryAfter = "1";
            return new OpenAiError(StatusCodes.Status429TooManyRequests,
                    $"Model '{route.Alias}' is at capacity: every deployment is at its concurrency limit and its queue is full. Retry shortly.",
                    "rate_limit_error", null, "deployments_busy")
                .WriteAsync(context.Response, context.RequestAborted);
        }

        var allTimedOut = failures.TrueForAll(f => f.Failure.ErrorType == ErrorTypes.Timeout);
        outcome.ErrorType = failures[^1].Failure.ErrorType;
        var reasons = string.Join("; ", failures.Select(f => $"{f.Deployment.Name}: {f.Failure.Detail}"));
        var noun = failures.Count == 1 ? "deployment" : "deployments";
        var message = $"Model '{route.Alias}' is unavailable: {failures.Count} {noun} tried, none answered ({reasons}).";
        var status = allTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
        return OpenAiError.Unavailable(status, message).WriteAsync(context.Response, context.RequestAborted);
    }

    private static bool IsEventStream(MediaTypeHeaderValue? contentType) =>
        string.Equals(contentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
}
