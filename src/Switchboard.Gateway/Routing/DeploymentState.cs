namespace Switchboard.Gateway.Routing;

/// <summary>
/// Live figures of one deployment, shared by all requests and kept across config reloads (keyed by
/// deployment name): requests in flight and exponentially weighted moving averages of time to first
/// token and of total latency. Lock-free and thread-safe.
/// </summary>
internal sealed class DeploymentState(TimeProvider time)
{
    /// <summary>Weight of the newest sample in the moving averages.</summary>
    public const double Alpha = 0.2;

    private int _inFlight;
    private long _ttftBits = BitConverter.DoubleToInt64Bits(double.NaN);
    private long _latencyBits = BitConverter.DoubleToInt64Bits(double.NaN);
    private long _ttftVarianceBits;
    private long _latencyVarianceBits;

    public DeploymentState()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Passive health: circuit breaker and 429 cooldown.</summary>
    public Health.DeploymentHealth Health { get; } = new(time);

    /// <summary>The per-deployment concurrency limit and its wait queue.</summary>
    public ConcurrencyGate Gate { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Moving average of time to first token in milliseconds; NaN before the first streamed success.</summary>
    public double TimeToFirstTokenMs => BitConverter.Int64BitsToDouble(Volatile.Read(ref _ttftBits));

    /// <summary>Moving average of total latency in milliseconds; NaN before the first success.</summary>
    public double LatencyMs => BitConverter.Int64BitsToDouble(Volatile.Read(ref _latencyBits));

    /// <summary>
    /// Estimated 95th percentile of time to first token (mean + 1.645 standard deviations of the weighted
    /// samples); NaN before the first sample. The hedge threshold: slower than this is unusual.
    /// </summary>
    public double TimeToFirstTokenP95Ms => P95(TimeToFirstTokenMs, Volatile.Read(ref _ttftVarianceBits));

    /// <summary>Estimated 95th percentile of total latency, like <see cref="TimeToFirstTokenP95Ms"/>.</summary>
    public double LatencyP95Ms => P95(LatencyMs, Volatile.Read(ref _latencyVarianceBits));

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public void RecordTimeToFirstToken(double milliseconds) => Record(ref _ttftBits, ref _ttftVarianceBits, milliseconds);

    public void RecordLatency(double milliseconds) => Record(ref _latencyBits, ref _latencyVarianceBits, milliseconds);

    private static double P95(double mean, long varianceBits) =>
        mean + (1.645 * Math.Sqrt(BitConverter.Int64BitsToDouble(varianceBits)));

    // Exponentially weighted variance: var' = (1 - a)(var + a·d²) with d the sample's distance from the old mean.
    // Mean and variance are updated one after the other; a concurrent sample can slip between them, which
    // only blurs an estimate that is approximate anyway.
    private static void Record(ref long meanBits, ref long varianceBits, double sample)
    {
        var mean = BitConverter.Int64BitsToDouble(Volatile.Read(ref meanBits));
        Update(ref meanBits, sample);
        if (double.IsNaN(mean))
        {
            return;
        }

        var spread = Alpha * (sample - mean) * (sample - mean);
        while (true)
        {
            var seen = Volatile.Read(ref varianceBits);
            var next = (1 - Alpha) * (BitConverter.Int64BitsToDouble(seen) + spread);
            if (Interlocked.CompareExchange(ref varianceBits, BitConverter.DoubleToInt64Bits(next), seen) == seen)
            {
                return;
            }
        }
    }

    private static void Update(ref long bits, double sample)
    {
        while (true)
        {
            var seen = Volatile.Read(ref bits);
            var old = BitConverter.Int64BitsToDouble(seen);
            var next = double.IsNaN(old) ? sample : old + Alpha * (sample - old);
            if (Interlocked.CompareExchange(ref bits, BitConverter.DoubleToInt64Bits(next), seen) == seen)
            {
                return;
            }
        }
    }
}
