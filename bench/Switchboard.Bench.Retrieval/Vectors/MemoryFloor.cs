using System.Diagnostics;
using System.Numerics.Tensors;

namespace Switchboard.Bench.Retrieval.Vectors;

/// <summary>
/// The fastest one thread can read a given number of bytes on this machine: a SIMD sum
/// (<see cref="TensorPrimitives.Sum(ReadOnlySpan{float})"/>) over one array of that size, best of several passes.
/// An exact vector search must read every stored byte at least once, so this is its floor.
/// </summary>
internal static class MemoryFloor
{
    public static MemoryFloorResult Measure(long bytes, int runs)
    {
        var data = new float[bytes / sizeof(float)];
        // Touch every page first, so page faults are not timed.
        data.AsSpan().Fill(1e-3f);
        var passes = new double[runs];
        var sink = 0f;
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            sink += TensorPrimitives.Sum(data);
            passes[run] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        GC.KeepAlive(sink);
        Array.Sort(passes);
        return new MemoryFloorResult(data.LongLength * sizeof(float), passes[0], passes[runs / 2]);
    }
}
