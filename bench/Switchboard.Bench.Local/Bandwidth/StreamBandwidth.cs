using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Switchboard.Bench.Local.Bandwidth;

/// <summary>
/// A STREAM-like memory bandwidth measurement: copy and triad over three float arrays far larger than the
/// caches, split across <c>threads</c> (all cores by default, as llama.cpp decodes with all cores), with
/// <see cref="Vector{T}"/> loops. Each kernel runs several times and the best time counts, as in STREAM.
/// </summary>
internal static class StreamBandwidth
{
    public static BandwidthResult Measure(int megabytesPerArray, int runs, int? threads)
    {
        var threadCount = threads ?? Environment.ProcessorCount;
        var length = (long)megabytesPerArray * 1024 * 1024 / sizeof(float);
        var a = new float[length];
        var b = new float[length];
        var c = new float[length];
        // Touch every page before timing, so first-touch page faults are not measured.
        Parallel.For(0, threadCount, t =>
        {
            var (start, count) = Part(length, threadCount, t);
            a.AsSpan((int)start, (int)count).Fill(1f);
            b.AsSpan((int)start, (int)count).Fill(2f);
            c.AsSpan((int)start, (int)count).Clear();
        });

        var bestCopy = TimeSpan.MaxValue;
        var bestTriad = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            bestCopy = Min(bestCopy, Time(threadCount, length, (start, count) => Copy(a.AsSpan(start, count), c.AsSpan(start, count))));
            bestTriad = Min(bestTriad, Time(threadCount, length, (start, count) => Triad(a.AsSpan(start, count), b.AsSpan(start, count), c.AsSpan(start, count), 3f)));
        }

        var arrayBytes = length * sizeof(float);
        return new BandwidthResult(2.0 * arrayBytes / bestCopy.TotalSeconds / 1e9, 3.0 * arrayBytes / bestTriad.TotalSeconds / 1e9, arrayBytes, threadCount);
    }

    private static TimeSpan Time(int threads, long length, Action<int, int> kernel)
    {
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var (start, count) = Part(length, threads, t);
            kernel((int)start, (int)count);
        });
        return Stopwatch.GetElapsedTime(started);
    }

    private static void Copy(ReadOnlySpan<float> from, Span<float> to)
    {
        var source = MemoryMarshal.Cast<float, Vector<float>>(from);
        var target = MemoryMarshal.Cast<float, Vector<float>>(to);
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i];
        }

        for (var i = source.Length * Vector<float>.Count; i < from.Length; i++)
        {
            to[i] = from[i];
        }
    }

    private static void Triad(Span<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, float scalar)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var vc = MemoryMarshal.Cast<float, Vector<float>>(c);
        var s = new Vector<float>(scalar);
        for (var i = 0; i < va.Length; i++)
        {
            va[i] = vb[i] + (s * vc[i]);
        }

        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            a[i] = b[i] + (scalar * c[i]);
        }
    }

    /// <summary>Thread <paramref name="t"/>'s share, cut at multiples of 1024 elements.</summary>
    private static (long Start, long Count) Part(long length, int parts, int t)
    {
        var per = (length / parts + 1023) / 1024 * 1024;
        var start = Math.Min(length, per * t);
        return (start, Math.Min(length, start + per) - start);
    }

    private static TimeSpan Min(TimeSpan x, TimeSpan y) => x < y ? x : y;
}
