namespace Switchboard.Gateway.Limits;

/// <summary>
/// Amounts per second over the last 60 seconds: second <c>s</c> counts while <c>s &gt; now − 60</c>. The
/// Redis scripts keep the same buckets in a hash, so both limiters agree to the second. Not thread-safe:
/// the owner holds its scope's lock.
/// </summary>
internal sealed class SlidingWindow
{
    public const int Seconds = 60;

    private readonly long[] _amounts = new long[Seconds];
    private readonly long[] _seconds = new long[Seconds];

    public long Sum(long now)
    {
        long sum = 0;
        for (var i = 0; i < Seconds; i++)
        {
            if (_seconds[i] > now - Seconds)
            {
                sum += _amounts[i];
            }
        }

        return sum;
    }

    public void Add(long now, long amount)
    {
        var i = (int)(now % Seconds);
        if (_seconds[i] != now)
        {
            _seconds[i] = now;
            _amounts[i] = 0;
        }

        _amounts[i] += amount;
    }

    /// <summary>Adds <paramref name="delta"/> to second <paramref name="second"/> if it is still in the window; never below zero.</summary>
    public void Correct(long second, long now, long delta)
    {
        var i = (int)(second % Seconds);
        if (second > now - Seconds && _seconds[i] == second)
        {
            _amounts[i] = Math.Max(0, _amounts[i] + delta);
        }
    }

    /// <summary>
    /// How long until <paramref name="need"/> more fits under <paramref name="limit"/> as old seconds leave the
    /// window; null when it never can (<paramref name="need"/> alone is over the limit).
    /// </summary>
    public TimeSpan? RetryAfter(long nowMs, long sum, long need, long limit)
    {
        if (need > limit)
        {
            return null;
        }

        var now = nowMs / 1000;
        long freed = 0;
        for (var second = now - Seconds + 1; second <= now; second++)
        {
            var i = (int)(second % Seconds);
            if (_seconds[i] == second)
            {
                freed += _amounts[i];
                if (sum - freed + need <= limit)
                {
                    return TimeSpan.FromMilliseconds(((second + Seconds) * 1000) - nowMs);
                }
            }
        }

        return TimeSpan.FromSeconds(Seconds);
    }
}
