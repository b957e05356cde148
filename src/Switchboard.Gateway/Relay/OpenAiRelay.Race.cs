using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Relay;

/// <summary>The <c>fastest</c> and <c>hedge</c> strategies: several attempts of one request side by side.</summary>
internal sealed partial class OpenAiRelay
{
    /// <summary>Hedge threshold before a deployment has any latency history.</summary>
    internal static readonly TimeSpan DefaultHedgeAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs attempts of the request side by side: <c>fastest</c> starts <c>fanOut</c> at once, <c>hedge</c>
    /// starts one and adds the next each time the threshold passes without an answer. Each attempt has
    /// its own outcome; the first one about to write to the client claims the response and the others
    /// are cancelled (<see cref="ResponseClaim"/>). An attempt that fails before anything was claimed is
    /// replaced by the next deployment in the order, as in ordinary failover. Owns and disposes <paramref name="deployments"/>.
    /// </summary>
    private async Task RaceAsync(HttpContext context, RequestOutcome outcome, ModelRoute route, GatewayOptions options, UpstreamOperation operation,
        PooledBuffer body, InspectedRequest request, AggregationStrategy strategy, AttemptOrder deployments)
    {
        var claim = new ResponseClaim();
        var running = new List<Racer>();
        var started = new List<Racer>();
        var failures = new List<(Deployment Deployment, AttemptFailure Failure)>();
        var deadline = options.TotalTimeoutSeconds > 0 ? time.GetUtcNow() + TimeSpan.FromSeconds(options.TotalTimeoutSeconds) : DateTimeOffset.MaxValue;
        var fanOut = Math.Min(strategy.FanOut ?? AggregationStrategy.DefaultRaceFanOut, deployments.Count);
        var hedgeAfter = strategy.Kind == StrategyKind.Hedge ? HedgeThreshold(strategy, deployments[0], request.Stream) : (TimeSpan?)null;
        var next = 0;
        var served = false;
        using var hedgeCancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        try
        {
            for (var i = strategy.Kind == StrategyKind.Fastest ? fanOut : 1; i > 0; i--)
            {
                running.Add(Start(deployments[next++]));
            }

            var hedgeTimer = NextHedgeTimer();
            var never = Task.Delay(Timeout.Infinite, hedgeCancel.Token);
            while (running.Count > 0)
            {
                var done = await Task.WhenAny(running.Select(r => r.Task).Append(hedgeTimer ?? never)).ConfigureAwait(false);
                var racer = running.Find(r => r.Task == done);
                if (racer is null)
                {
                    // The hedge threshold passed with nothing claimed: one more attempt joins.
                    if (claim.Winner is null && next < deployments.Count)
                    {
                        RequestLog.Hedging(logger, outcome.RequestId, strategy.Name, running[0].Deployment.Name, hedgeAfter!.Value.TotalMilliseconds,
                            deployments[next].Name);
                        running.Add(Start(deployments[next++]));
                    }

                    hedgeTimer = NextHedgeTimer();
                    continue;
                }

                running.Remove(racer);
                var failure = await SettleAsync(racer).ConfigureAwait(false);
                outcome.Attempts += racer.Outcome.Attempts;
                if (failure is not { } failed)
                {
                    served = true;
                    outcome.AdoptRacer(racer.Outcome);
                    metrics.RecordStrategyAttempt(route.Alias, strategy.Name, racer.Deployment.Name, "won");
                    continue;
                }

                metrics.RecordStrategyAttempt(route.Alias, strategy.Name, racer.Deployment.Name, failed.ErrorType == ErrorTypes.Lost ? "lost" : "failed");
                if (failed.ErrorType == ErrorTypes.Lost)
                {
                    continue;
                }

                failures.Add((racer.Deployment, failed));
                metrics.RecordFailedAttempt(route.Alias, racer.Deployment.Name, failed.ErrorType);
                RequestLog.AttemptFailedTryingNext(logger, outcome.RequestId, outcome.Attempts, racer.Deployment.Name, failed.ErrorType, failed.Detail);
                if (claim.Winner is null && next < deployments.Count && deadline > time.GetUtcNow())
                {
                    running.Add(Start(deployments[next++]));
                }
            }

            if (!served && !context.RequestAborted.IsCancellationRequested)
            {
                outcome.Deployment = failures.Count > 0 ? failures[^1].Deployment.Name : null;
                await WriteAllFailedAsync(context, outcome, route, failures).ConfigureAwait(false);
            }
        }
        finally
        {
            await hedgeCancel.CancelAsync().ConfigureAwait(false);
            foreach (var racer in running)
            {
                // Only reached when something threw: stop the rest and let them finish before buffers go back to the pool.
                await racer.Cancel.CancelAsync().ConfigureAwait(false);
                await SettleAsync(racer).ConfigureAwait(false);
            }

            // Disposed only now: a late winner still cancels its rivals through these.
            started.ForEach(r => r.Cancel.Dispose());
            deployments.Dispose();
        }

        Racer Start(Deployment deployment)
        {
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var racerOutcome = outcome.ForRacer(claim);
            claim.Add(racerOutcome, cancel);
            var remaining = deadline - time.GetUtcNow();
            var settings = new AttemptSettings(Min(TimeSpan.FromSeconds(options.UpstreamTimeoutSeconds), remaining),
                TimeSpan.FromSeconds(options.StreamIdleTimeoutSeconds), IsLast: false, route.FailoverOnContentFilter);
            var task = AttemptAsync(context, racerOutcome, deployment, operation, body, request, options.Health, remaining, settings, null, cancel.Token);
            var racer = new Racer(deployment, racerOutcome, cancel, task);
            started.Add(racer);
            return racer;
        }

        Task? NextHedgeTimer() => hedgeAfter is { } after && next < deployments.Count && running.Count < fanOut
            ? Task.Delay(after, time, hedgeCancel.Token)
            : null;
    }

    /// <summary>The attempt's result; a cancelled loser counts as lost, not as a failure.</summary>
    private static async Task<AttemptFailure?> SettleAsync(Racer racer)
    {
        try
        {
            return await racer.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (racer.Cancel.IsCancellationRequested)
        {
            return ErrorTypes.LostRace;
        }
    }

    /// <summary>
    /// How long the first attempt may go without an answer before a hedge starts: the configured
    /// threshold, else the deployment's estimated p95 time to first token (streams) or latency.
    /// </summary>
    internal static TimeSpan HedgeThreshold(AggregationStrategy strategy, Deployment first, bool stream)
    {
        if (strategy.HedgeAfter is { } configured)
        {
            return configured;
        }

        var p95 = stream ? first.State.TimeToFirstTokenP95Ms : first.State.LatencyP95Ms;
        return double.IsFinite(p95) && p95 > 0 ? TimeSpan.FromMilliseconds(p95) : DefaultHedgeAfter;
    }

    private sealed record Racer(Deployment Deployment, RequestOutcome Outcome, CancellationTokenSource Cancel, Task<AttemptFailure?> Task);
}
