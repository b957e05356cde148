namespace Switchboard.Knowledge.Vectors;

/// <summary>How vectors are stored: full f32, or int8 scalar-quantised (4× smaller, slightly less exact).</summary>
internal enum VectorPrecision
{
    Float32,
    Int8,
}
