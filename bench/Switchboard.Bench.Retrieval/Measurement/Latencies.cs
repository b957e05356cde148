using System.Diagnostics;

namespace Switchboard.Bench.Retrieval.Measurement;

/// <summary>Per-call timings in milliseconds and their nearest-rank percentiles. Not thread-safe.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public double Mean => _milliseconds.Count == 0 ? 0 : _milliseconds.Average();

    /// <summary>Calls per second of one thread calling back to back.</summary>
    public double PerSecond => Mean == 0 ? 0 : 1000 / Mean;

    public T Time<T>(Func<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = Stopwatch.GetTimestamp();
        var result = call();
        _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public double Percentile(double percent)
    {
        if (_milliseconds.Count == 0)
        {
            return 0;
        }

        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
