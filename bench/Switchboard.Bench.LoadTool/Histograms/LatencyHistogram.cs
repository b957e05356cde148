using System.Numerics;

namespace Switchboard.Bench.LoadTool.Histograms;

/// <summary>
/// A log-linear histogram of durations in nanoseconds: 1 ns buckets below 1,024 ns, then 512 equal
/// sub-buckets per power of two, so a reported value is within 0.1 % of the recorded one (0.05 µs at 50 µs,
/// 1 µs at 1 ms) up to 2^42 ns (about 73 minutes); longer values are clamped. Fixed memory (17,408 counters).
/// Not thread-safe: give each worker its own and <see cref="Add"/> them together at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 9;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int LinearLimit = SubBucketCount * 2;
    private const int MaxExponent = 42;
    private const int BucketCount = LinearLimit + ((MaxExponent - SubBucketBits - 1) * SubBucketCount);

    /// <summary>The largest value recorded as itself; larger ones count as this.</summary>
    public const long MaxTrackableNanoseconds = (1L << MaxExponent) - 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _sumNanoseconds;

    public long Count { get; private set; }

    public long MinNanoseconds { get; private set; } = long.MaxValue;

    public long MaxNanoseconds { get; private set; }

    public double MeanNanoseconds => Count == 0 ? 0 : (double)_sumNanoseconds / Count;

    public void Record(long nanoseconds)
    {
        nanoseconds = Math.Clamp(nanoseconds, 0, MaxTrackableNanoseconds);
        _counts[IndexOf(nanoseconds)]++;
        Count++;
        _sumNanoseconds += nanoseconds;
        MinNanoseconds = Math.Min(MinNanoseconds, nanoseconds);
        MaxNanoseconds = Math.Max(MaxNanoseconds, nanoseconds);
    }

    /// <summary>Adds <paramref name="other"/>'s counts into this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        _sumNanoseconds += other._sumNanoseconds;
        MinNanoseconds = Math.Min(MinNanoseconds, other.MinNanoseconds);
        MaxNanoseconds = Math.Max(MaxNanoseconds, other.MaxNanoseconds);
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100): the midpoint of the bucket holding the
    /// ⌈p·n⌉-th smallest value, kept within the exact min and max. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        if (rank >= Count)
        {
            return MaxNanoseconds;
        }

        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(MidpointOf(i), MinNanoseconds, MaxNanoseconds);
            }
        }

        return MaxNanoseconds;
    }

    internal static int IndexOf(long nanoseconds)
    {
        if (nanoseconds < LinearLimit)
        {
            return (int)nanoseconds;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)nanoseconds);
        var subBucket = (int)(nanoseconds >> (exponent - SubBucketBits));
        return LinearLimit + ((exponent - SubBucketBits - 1) * SubBucketCount) + (subBucket - SubBucketCount);
    }

    internal static long MidpointOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var offset = index - LinearLimit;
        var exponent = (offset / SubBucketCount) + SubBucketBits + 1;
        var subBucket = (long)((offset % SubBucketCount) + SubBucketCount);
        var shift = exponent - SubBucketBits;
        return (subBucket << shift) + ((1L << shift) >> 1);
    }
}
