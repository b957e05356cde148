using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Switchboard.Gateway.Accounting;

namespace Switchboard.Gateway.Limits;

/// <summary>
/// Counts limits in this process: one small lock per key, team and tenant, held only for the check and the
/// update (nanoseconds), taken in key → team → tenant order so two requests never wait on each other in a
/// cycle. Limits hold for this process only: with several gateway processes use <see cref="RedisRateLimiter"/>.
/// Thread-safe.
/// </summary>
internal sealed class InProcessRateLimiter : IRateLimiter
{
    /// <summary>How long a request refused by a concurrency limit is told to wait.</summary>
    public static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(UsageScope, string), ScopeCounters> _scopes = new();

    public ValueTask<(RateLimitLease? Lease, RateLimitRefusal? Refusal)> AcquireAsync(RateLimitRequest request, DateTimeOffset now,
        CancellationToken cancellationToken) => ValueTask.FromResult(Acquire(request, now));

    public ValueTask ReleaseAsync(RateLimitLease lease, long actualTokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Release(lease, actualTokens, now);
        return ValueTask.CompletedTask;
    }

    public (RateLimitLease? Lease, RateLimitRefusal? Refusal) Acquire(RateLimitRequest request, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var second = nowMs / 1000;
        var scopes = request.Scopes;
        var counters = default(Counters);
        for (var i = 0; i < scopes.Length; i++)
        {
            counters[i] = _scopes.GetOrAdd((scopes[i].Scope, scopes[i].Id), static _ => new ScopeCounters());
        }

        var locked = 0;
        try
        {
            for (; locked < scopes.Length; locked++)
            {
                counters[locked]!.Gate.Enter();
            }

            for (var i = 0; i < scopes.Length; i++)
            {
                if (Check(scopes[i], counters[i]!, request, nowMs, second) is { } refusal)
                {
                    return (null, refusal);
                }
            }

            for (var i = 0; i < scopes.Length; i++)
            {
                var limits = scopes[i].Limits;
                var c = counters[i]!;
                if (request.CountsRequest && limits.RequestsPerMinute is not null)
                {
                    c.Requests.Add(second, 1);
                }

                if (limits.TokensPerMinute is not null && request.Tokens > 0)
                {
                    c.Tokens.Add(second, request.Tokens);
                }

                if (request.CountsRequest && limits.MaxConcurrent is not null)
                {
                    c.InFlight++;
                }
            }

            return (new RateLimitLease(request, second), null);
        }
        finally
        {
            for (var i = locked - 1; i >= 0; i--)
            {
                counters[i]!.Gate.Exit();
            }
        }
    }

    public void Release(RateLimitLease lease, long actualTokens, DateTimeOffset now)
    {
        var request = lease.Request;
        var second = now.ToUnixTimeSeconds();
        foreach (var scope in request.Scopes)
        {
            var tokens = scope.Limits.TokensPerMinute is not null && actualTokens != request.Tokens;
            var slot = request.CountsRequest && scope.Limits.MaxConcurrent is not null;
            if ((!tokens && !slot) || !_scopes.TryGetValue((scope.Scope, scope.Id), out var c))
            {
                continue;
            }

            lock (c.Gate)
            {
                if (tokens)
                {
                    c.Tokens.Correct(lease.Second, second, actualTokens - request.Tokens);
                }

                if (slot)
                {
                    c.InFlight = Math.Max(0, c.InFlight - 1);
                }
            }
        }
    }

    private static RateLimitRefusal? Check(in ScopedLimit scope, ScopeCounters c, RateLimitRequest request, long nowMs, long second)
    {
        var limits = scope.Limits;
        if (request.CountsRequest && limits.RequestsPerMinute is { } rpm)
        {
            var used = c.Requests.Sum(second);
            if (used + 1 > rpm)
            {
                return new RateLimitRefusal(scope.Scope, scope.Id, LimitKind.RequestsPerMinute, rpm, c.Requests.RetryAfter(nowMs, used, 1, rpm));
            }
        }

        if (limits.TokensPerMinute is { } tpm)
        {
            var used = c.Tokens.Sum(second);
            if (used + request.Tokens > tpm)
            {
                return new RateLimitRefusal(scope.Scope, scope.Id, LimitKind.TokensPerMinute, tpm, c.Tokens.RetryAfter(nowMs, used, request.Tokens, tpm));
            }
        }

        if (request.CountsRequest && limits.MaxConcurrent is { } max && c.InFlight + 1 > max)
        {
            return new RateLimitRefusal(scope.Scope, scope.Id, LimitKind.ConcurrentRequests, max, ConcurrencyRetryAfter);
        }

        return null;
    }

    private sealed class ScopeCounters
    {
        public Lock Gate { get; } = new();

        public SlidingWindow Requests { get; } = new();

        public SlidingWindow Tokens { get; } = new();

        public int InFlight { get; set; }
    }

    [InlineArray(3)]
    private struct Counters
    {
        private ScopeCounters? _element;
    }
}
