namespace Switchboard.Knowledge.Vectors.Persistence;

/// <summary>What every saved index (and every index nested in one) starts with, after the magic and version.</summary>
internal readonly record struct VectorFileHeader(VectorIndexKind Kind, VectorPrecision Precision, int Dimensions, int Count);
