namespace Switchboard.Knowledge.Vectors.Persistence;

/// <summary>Which index a saved file holds; stored as one byte in the header, so values never change.</summary>
internal enum VectorIndexKind : byte
{
    Flat = 1,
    Hnsw = 2,
    Adaptive = 3,
}
