using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Switchboard.Knowledge.Vectors.Storage;

/// <summary>
/// The int8 dot product in integer arithmetic: bytes are sign-extended to 16 bits and multiplied pairwise into 32-bit
/// sums (<c>vpmovsxbw</c> + <c>vpmaddwd</c>), 32 lanes at a time with AVX-512BW, 16 with AVX2, a portable
/// <see cref="Vector{T}"/> path elsewhere. Exact: |127 × 127 × 2| fits a 16-bit pair sum's 32-bit lane with room
/// for 2^16 dimensions. Pure; thread-safe.
/// </summary>
internal static class Int8Dot
{
    public static int Dot(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("Vectors differ in length.", nameof(y));
        }

        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        var n = x.Length;
        var i = 0;
        var sum = 0;
        if (Avx512BW.IsSupported && n >= 32)
        {
            sum = DotAvx512(ref px, ref py, n, out i);
        }
        else if (Avx2.IsSupported && n >= 16)
        {
            sum = DotAvx2(ref px, ref py, n, out i);
        }
        else if (Vector.IsHardwareAccelerated && n >= Vector<sbyte>.Count)
        {
            sum = DotPortable(x, y, out i);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref px, i) * Unsafe.Add(ref py, i);
        }

        return sum;
    }

    private static int DotAvx512(ref sbyte px, ref sbyte py, int n, out int done)
    {
        // Two accumulators: the widening multiply-add has a latency of several cycles; one chain would wait on it.
        var a0 = Vector512<int>.Zero;
        var a1 = Vector512<int>.Zero;
        var i = 0;
        for (; i <= n - 64; i += 64)
        {
            a0 += Avx512BW.MultiplyAddAdjacent(Widen512(ref px, i), Widen512(ref py, i));
            a1 += Avx512BW.MultiplyAddAdjacent(Widen512(ref px, i + 32), Widen512(ref py, i + 32));
        }

        if (i <= n - 32)
        {
            a0 += Avx512BW.MultiplyAddAdjacent(Widen512(ref px, i), Widen512(ref py, i));
            i += 32;
        }

        done = i;
        return Vector512.Sum(a0 + a1);
    }

    private static int DotAvx2(ref sbyte px, ref sbyte py, int n, out int done)
    {
        var a0 = Vector256<int>.Zero;
        var a1 = Vector256<int>.Zero;
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            a0 += Avx2.MultiplyAddAdjacent(Widen256(ref px, i), Widen256(ref py, i));
            a1 += Avx2.MultiplyAddAdjacent(Widen256(ref px, i + 16), Widen256(ref py, i + 16));
        }

        if (i <= n - 16)
        {
            a0 += Avx2.MultiplyAddAdjacent(Widen256(ref px, i), Widen256(ref py, i));
            i += 16;
        }

        done = i;
        return Vector256.Sum(a0 + a1);
    }

    private static int DotPortable(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y, out int done)
    {
        var acc = Vector<int>.Zero;
        var i = 0;
        for (; i <= x.Length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
        {
            Vector.Widen(new Vector<sbyte>(x[i..]), out var xLow, out var xHigh);
            Vector.Widen(new Vector<sbyte>(y[i..]), out var yLow, out var yHigh);
            Vector.Widen(xLow * yLow, out var p0, out var p1);
            Vector.Widen(xHigh * yHigh, out var p2, out var p3);
            acc += p0 + p1 + p2 + p3;
        }

        done = i;
        return Vector.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Widen512(ref sbyte p, int offset) =>
        Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref p, (nuint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Widen256(ref sbyte p, int offset) =>
        Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref p, (nuint)offset));
}
