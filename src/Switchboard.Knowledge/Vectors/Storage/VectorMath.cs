using System.Numerics.Tensors;

namespace Switchboard.Knowledge.Vectors.Storage;

/// <summary>
/// Normalisation and symmetric int8 quantisation of vectors. Pure functions over caller-owned spans; thread-safe.
/// </summary>
internal static class VectorMath
{
    /// <summary>The largest quantised magnitude; symmetric, so −127…127 (−128 is never produced).</summary>
    public const float Int8Max = 127f;

    /// <summary>Writes the unit vector of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The vector is zero, or holds NaN or infinity: it has no direction.</exception>
    public static void Normalize(ReadOnlySpan<float> source, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(source);
        if (!(norm > 0) || !float.IsFinite(norm))
        {
            throw new ArgumentException("A vector must be finite and non-zero to be indexed or searched.", nameof(source));
        }

        TensorPrimitives.Divide(source, norm, destination);
    }

    /// <summary>
    /// Quantises a unit vector to int8 with one scale for the whole vector (its largest magnitude maps to 127), and
    /// returns the scale: <c>value ≈ quantised × scale</c>. Per-vector scales keep the error proportional to each
    /// vector's own range, which matters because unit vectors of different shapes have very different maxima.
    /// </summary>
    public static float Quantize(ReadOnlySpan<float> unit, Span<sbyte> destination)
    {
        var max = MathF.Abs(TensorPrimitives.MaxMagnitude(unit));
        if (max == 0)
        {
            destination[..unit.Length].Clear();
            return 0;
        }

        var inverse = Int8Max / max;
        for (var i = 0; i < unit.Length; i++)
        {
            destination[i] = (sbyte)Math.Clamp(MathF.Round(unit[i] * inverse), -Int8Max, Int8Max);
        }

        return max / Int8Max;
    }
}
