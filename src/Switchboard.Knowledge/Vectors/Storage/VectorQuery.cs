namespace Switchboard.Knowledge.Vectors.Storage;

/// <summary>
/// A unit vector in the form a <see cref="VectorStore"/> scores against: f32 values, or int8 values with their
/// scale. A view over memory owned by the caller (a pooled buffer or a stored row), so it cannot outlive it.
/// </summary>
internal readonly ref struct VectorQuery
{
    public VectorQuery(ReadOnlySpan<float> floats)
    {
        Floats = floats;
    }

    public VectorQuery(ReadOnlySpan<sbyte> bytes, float scale)
    {
        Bytes = bytes;
        Scale = scale;
    }

    public ReadOnlySpan<float> Floats { get; }

    public ReadOnlySpan<sbyte> Bytes { get; }

    public float Scale { get; }
}
