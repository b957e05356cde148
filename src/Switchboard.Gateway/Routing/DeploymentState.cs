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

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public void RecordTimeToFirstToken(double milliseconds) => Update(ref _ttftBits, milliseconds);

    public void RecordLatency(double milliseconds) => Update(ref _latencyBits, milliseconds);

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
