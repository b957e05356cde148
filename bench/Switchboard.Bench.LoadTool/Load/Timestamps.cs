using System.Diagnostics;

namespace Switchboard.Bench.LoadTool.Load;

/// <summary>Conversions between <see cref="Stopwatch"/> timestamps and nanoseconds or spans.</summary>
internal static class Timestamps
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    public static long ToNanoseconds(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * NanosecondsPerTick);

    public static long FromTimeSpan(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static double ToSeconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
