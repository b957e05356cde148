using System.Buffers;

namespace Switchboard.Knowledge.Vectors.Storage;

/// <summary>
/// A caller's vector normalised (and for int8 stores quantised) into pooled arrays, ready to score. Owned by one
/// call: dispose it when the search or insert is done. Not thread-safe.
/// </summary>
internal sealed class QueryBuffer : IDisposable
{
    private float[]? _floats;
    private sbyte[]? _bytes;
    private readonly int _length;
    private readonly float _scale;

    public QueryBuffer(ReadOnlySpan<float> vector, VectorPrecision precision)
    {
        _length = vector.Length;
        _floats = ArrayPool<float>.Shared.Rent(_length);
        VectorMath.Normalize(vector, _floats.AsSpan(0, _length));
        if (precision == VectorPrecision.Int8)
        {
            _bytes = ArrayPool<sbyte>.Shared.Rent(_length);
            _scale = VectorMath.Quantize(_floats.AsSpan(0, _length), _bytes);
        }
    }

    /// <summary>The unit vector in f32, whatever the precision.</summary>
    public ReadOnlySpan<float> Unit => _floats.AsSpan(0, _length);

    public VectorQuery Query => _bytes is null ? new VectorQuery(Unit) : new VectorQuery(_bytes.AsSpan(0, _length), _scale);

    public void Dispose()
    {
        if (_floats is not null)
        {
            ArrayPool<float>.Shared.Return(_floats);
            _floats = null;
        }

        if (_bytes is not null)
        {
            ArrayPool<sbyte>.Shared.Return(_bytes);
            _bytes = null;
        }
    }
}
