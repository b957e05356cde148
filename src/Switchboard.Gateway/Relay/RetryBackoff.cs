using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Relay;

/// <summary>How long to wait before retry round <c>round + 1</c>. Stateless.</summary>
internal static class RetryBackoff
{
    /// <summary>
    /// Exponential (<c>base · 2^round</c>, capped) with ±50 % jitter so that many clients retrying at once
    /// spread out; never shorter than the longest <c>Retry-After</c> an upstream gave in this request.
    /// </summary>
    public static TimeSpan Delay(int round, RetryOptions options, TimeSpan? retryAfter, double jitter01)
    {
        var exponential = Math.Min(options.MaxDelayMs, options.BaseDelayMs * Math.Pow(2, round));
        var delay = TimeSpan.FromMilliseconds(exponential * (0.5 + jitter01));
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
