using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Routing.Health;

/// <summary>
/// Passive health of one deployment, in the spirit of YARP's transport-failure-rate policy: attempts are
/// counted in a sliding window of ten buckets; when the failure share reaches the threshold (with enough
/// attempts to trust it) the circuit opens and the deployment leaves rotation for the break duration.
/// Then it is half-open: one request at a time (at most one per break duration) may probe it, and a
/// success closes the circuit while a failure opens it again. A 429 puts it in cooldown until its
/// <c>Retry-After</c>. Thread-safe; the lock is held for a few arithmetic operations per attempt.
/// </summary>
internal sealed class DeploymentHealth(TimeProvider time)
{
    private const int BucketCount = 10;

    private readonly Lock _lock = new();
    private readonly long[] _bucketStart = new long[BucketCount];
    private readonly int[] _successes = new int[BucketCount];
    private readonly int[] _failures = new int[BucketCount];
    private long _openUntilTicks;
    private long _nextProbeTicks;
    private long _cooldownUntilTicks;
    private volatile bool _open;

    // 0 unless a cooldown was set; lets the common case (closed circuit, no cooldown) skip the lock and the clock.
    private long _cooldownSet;

    /// <summary>The state for metrics and the admin view.</summary>
    public HealthState GetState(HealthOptions options)
    {
        if (!options.Enabled)
        {
            return HealthState.Healthy;
        }

        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            if (_open || now < _cooldownUntilTicks)
            {
                return HealthState.Unhealthy;
            }

            var (successes, failures) = Totals(now, options);
            var total = successes + failures;
            return total >= options.MinimumAttempts && failures >= options.DegradedRateThreshold * total ? HealthState.Degraded : HealthState.Healthy;
        }
    }

    /// <summary>
    /// The failure share of the attempts in the current window, or null when there were none (for the admin views;
    /// an open circuit stops counting until a probe closes it, so it reports the share that opened it).
    /// </summary>
    public double? FailureRate(HealthOptions options)
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            var (successes, failures) = Totals(now, options);
            var total = successes + failures;
            return total == 0 ? null : (double)failures / total;
        }
    }

    /// <summary>
    /// Whether a request may use the deployment now. For a half-open circuit this admits one probe and
    /// reserves the next chance a break duration later, so an unused probe never blocks recovery.
    /// </summary>
    public bool TryAdmit(HealthOptions options)
    {
        if (!options.Enabled || (!_open && Volatile.Read(ref _cooldownSet) == 0))
        {
            return true;
        }

        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            if (now < _cooldownUntilTicks)
            {
                return false;
            }

            Volatile.Write(ref _cooldownSet, 0);

            if (!_open)
            {
                return true;
            }

            if (now < _openUntilTicks || now < _nextProbeTicks)
            {
                return false;
            }

            _nextProbeTicks = now + TimeSpan.FromSeconds(options.BreakSeconds).Ticks;
            return true;
        }
    }

    public void Report(AttemptResult result, HealthOptions options, TimeSpan? retryAfter = null)
    {
        if (result == AttemptResult.Neutral || !options.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            if (result == AttemptResult.RateLimited)
            {
                var cooldown = retryAfter is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(options.DefaultCooldownSeconds);
                _cooldownUntilTicks = Math.Max(_cooldownUntilTicks, now + cooldown.Ticks);
                Volatile.Write(ref _cooldownSet, 1);
                return;
            }

            if (_open)
            {
                // A probe's verdict: close and start afresh, or stay out for another break.
                if (result == AttemptResult.Success)
                {
                    _open = false;
                    Array.Clear(_bucketStart);
                }
                else
                {
                    _openUntilTicks = now + TimeSpan.FromSeconds(options.BreakSeconds).Ticks;
                }

                return;
            }

            var bucket = BucketFor(now, options);
            if (result == AttemptResult.Success)
            {
                _successes[bucket]++;
            }
            else
            {
                _failures[bucket]++;
                var (successes, failures) = Totals(now, options);
                var total = successes + failures;
                if (total >= options.MinimumAttempts && failures >= options.FailureRateThreshold * total)
                {
                    _open = true;
                    _openUntilTicks = now + TimeSpan.FromSeconds(options.BreakSeconds).Ticks;
                    _nextProbeTicks = _openUntilTicks;
                }
            }
        }
    }

    private int BucketFor(long now, HealthOptions options)
    {
        var width = BucketWidth(options);
        var start = now - (now % width);
        var index = (int)(start / width % BucketCount);
        if (_bucketStart[index] != start)
        {
            _bucketStart[index] = start;
            _successes[index] = 0;
            _failures[index] = 0;
        }

        return index;
    }

    private (int Successes, int Failures) Totals(long now, HealthOptions options)
    {
        var windowStart = now - TimeSpan.FromSeconds(options.WindowSeconds).Ticks;
        int successes = 0, failures = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            if (_bucketStart[i] != 0 && _bucketStart[i] + BucketWidth(options) > windowStart)
            {
                successes += _successes[i];
                failures += _failures[i];
            }
        }

        return (successes, failures);
    }

    private static long BucketWidth(HealthOptions options) => Math.Max(1, TimeSpan.FromSeconds(options.WindowSeconds).Ticks / BucketCount);
}
