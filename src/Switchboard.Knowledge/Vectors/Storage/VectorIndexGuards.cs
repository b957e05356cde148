namespace Switchboard.Knowledge.Vectors.Storage;

/// <summary>The small pieces every vector index shares: the dimension check, the read-locked getter, and the hit factory for top-k drains.</summary>
internal static class VectorIndexGuards
{
    public static void CheckDimensions(int dimensions, ReadOnlySpan<float> vector, string name)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"The index holds {dimensions}-dimensional vectors; got {vector.Length}.", name);
        }
    }

    public static T Read<T>(this ReaderWriterLockSlim gate, Func<T> read)
    {
        gate.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    public static VectorHit Hit(long id, float score) => new(id, score);
}
