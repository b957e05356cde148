namespace Switchboard.Knowledge.Vectors;

/// <summary>One nearest neighbour: the id given to <see cref="IVectorIndex.Upsert"/> and its cosine similarity.</summary>
internal readonly record struct VectorHit(long Id, float Score);
