using System.Runtime.InteropServices;

namespace Switchboard.Bench.Local.Models;

/// <summary>
/// Seeded uniform noise as F16 or F32 tensor bytes (xorshift64*, so a seed always gives the same file).
/// The values only have to keep llama.cpp's arithmetic finite, not mean anything. Not thread-safe.
/// </summary>
internal sealed class RandomWeights(ulong seed)
{
    private const int ChunkElements = 1 << 16;

    private readonly Half[] _halves = new Half[ChunkElements];
    private readonly float[] _floats = new float[ChunkElements];
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    /// <summary>Writes <paramref name="count"/> F16 values uniform in ±<paramref name="range"/>; the first <paramref name="zeros"/> are 0.</summary>
    public void WriteHalves(Stream stream, long count, float range, long zeros = 0)
    {
        for (long done = 0; done < count; done += ChunkElements)
        {
            var n = (int)Math.Min(ChunkElements, count - done);
            for (var i = 0; i < n; i++)
            {
                _halves[i] = done + i < zeros ? Half.Zero : (Half)NextUniform(range);
            }

            stream.Write(MemoryMarshal.AsBytes(_halves.AsSpan(0, n)));
        }
    }

    /// <summary>Writes <paramref name="count"/> F32 values all equal to <paramref name="value"/> (norm weights).</summary>
    public void WriteConstantFloats(Stream stream, long count, float value)
    {
        Array.Fill(_floats, value);
        for (long done = 0; done < count; done += ChunkElements)
        {
            var n = (int)Math.Min(ChunkElements, count - done);
            stream.Write(MemoryMarshal.AsBytes(_floats.AsSpan(0, n)));
        }
    }

    private float NextUniform(float range)
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        var bits = _state * 0x2545F4914F6CDD1DUL;
        // 24 random bits → [0, 1) → [-range, range).
        return ((bits >> 40) * (1f / (1 << 24)) * 2f - 1f) * range;
    }
}
