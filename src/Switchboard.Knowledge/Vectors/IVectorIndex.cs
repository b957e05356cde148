namespace Switchboard.Knowledge.Vectors;

/// <summary>
/// A nearest-neighbour index over unit-normalised vectors of one dimension, scored by cosine similarity.
/// <c>filter</c> is applied <b>before</b> ranking (access control must not shrink the top k after the fact).
/// Thread-safe: searches run concurrently with each other and with writes.
/// </summary>
internal interface IVectorIndex : IDisposable
{
    int Dimensions { get; }

    int Count { get; }

    /// <summary>Adds or replaces the vector for <paramref name="id"/>; the vector is normalised by the index.</summary>
    void Upsert(long id, ReadOnlySpan<float> vector);

    bool Remove(long id);

    bool Contains(long id);

    /// <summary>A copy of the ids currently in the index (reconciling a loaded snapshot with the database).</summary>
    IReadOnlyList<long> Ids();

    IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null);

    /// <summary>Writes the index to <paramref name="path"/> atomically (temp file + rename).</summary>
    void Save(string path);
}
