using System.Buffers;
using System.Runtime.InteropServices;
using Switchboard.Knowledge.Ranking;
using Switchboard.Knowledge.Vectors.Persistence;
using Switchboard.Knowledge.Vectors.Storage;

namespace Switchboard.Knowledge.Vectors;

/// <summary>
/// Exact nearest-neighbour search by a SIMD scan over every stored vector (f32, or int8 with integer dot products).
/// Vectors are normalised on insert, so a dot product is the cosine. Rows are contiguous; removal moves the last row
/// into the hole, so the scan never meets a gap. The filter is applied before ranking: rows it rejects are never
/// scored. Owns its storage. Thread-safe: one <see cref="ReaderWriterLockSlim"/> lets searches run together and
/// gives writers exclusive access; normalising and quantising happen before the lock is taken.
/// </summary>
internal sealed class FlatVectorIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly VectorStore _rows;
    private readonly Dictionary<long, int> _rowOf = [];
    private long[] _ids = [];

    public FlatVectorIndex(int dimensions, VectorPrecision precision = VectorPrecision.Float32)
        : this(new VectorStore(dimensions, precision), [])
    {
    }

    private FlatVectorIndex(VectorStore rows, long[] ids)
    {
        _rows = rows;
        _ids = ids;
        for (var row = 0; row < rows.Count; row++)
        {
            if (!_rowOf.TryAdd(ids[row], row))
            {
                throw new InvalidDataException($"Id {ids[row]} is stored twice.");
            }
        }
    }

    public int Dimensions => _rows.Dimensions;

    public VectorPrecision Precision => _rows.Precision;

    public int Count => _lock.Read(() => _rows.Count);

    /// <summary>Bytes held by vectors and ids, for memory reports.</summary>
    public long AllocatedBytes => _lock.Read(() => _rows.AllocatedBytes + ((long)_ids.Length * sizeof(long)));

    public void Upsert(long id, ReadOnlySpan<float> vector)
    {
        VectorIndexGuards.CheckDimensions(Dimensions, vector, nameof(vector));
        using var prepared = new QueryBuffer(vector, Precision);
        _lock.EnterWriteLock();
        try
        {
            if (_rowOf.TryGetValue(id, out var row))
            {
                _rows.Set(row, prepared.Query);
                return;
            }

            row = _rows.Append(prepared.Query);
            if (row == _ids.Length)
            {
                Array.Resize(ref _ids, Math.Max(1024, _ids.Length * 2));
            }

            _ids[row] = id;
            _rowOf[id] = row;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rowOf.Remove(id, out var row))
            {
                return false;
            }

            var last = _rows.Count - 1;
            if (row != last)
            {
                _rows.Move(last, row);
                _ids[row] = _ids[last];
                _rowOf[_ids[row]] = row;
            }

            _rows.RemoveLast();
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(long id) => _lock.Read(() => _rowOf.ContainsKey(id));

    public IReadOnlyList<long> Ids() => _lock.Read<IReadOnlyList<long>>(() => [.. _rowOf.Keys]);

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        VectorIndexGuards.CheckDimensions(Dimensions, query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        using var prepared = new QueryBuffer(query, Precision);
        var scores = ArrayPool<float>.Shared.Rent(VectorStore.RowsPerChunk);
        var skip = filter is null ? null : ArrayPool<bool>.Shared.Rent(VectorStore.RowsPerChunk);
        _lock.EnterReadLock();
        try
        {
            var top = new TopK<float>(Math.Min(k, _rows.Count));
            for (var chunk = 0; chunk < _rows.ChunkCount; chunk++)
            {
                var first = chunk << VectorStore.ChunkShift;
                var rows = Math.Min(VectorStore.RowsPerChunk, _rows.Count - first);
                if (skip is not null)
                {
                    for (var r = 0; r < rows; r++)
                    {
                        skip[r] = !filter!(_ids[first + r]);
                    }
                }

                _rows.ScoreChunk(prepared.Query, chunk, scores, skip is null ? default : skip.AsSpan(0, rows));
                Collect(top, scores.AsSpan(0, rows), _ids.AsSpan(first, rows));
            }

            return top.Drain(VectorIndexGuards.Hit);
        }
        finally
        {
            _lock.ExitReadLock();
            ArrayPool<float>.Shared.Return(scores);
            if (skip is not null)
            {
                ArrayPool<bool>.Shared.Return(skip);
            }
        }
    }

    public void Save(string path) => VectorIndexFile.Save(path, WriteTo);

    public static FlatVectorIndex Load(string path) =>
        VectorIndexFile.Load(path, reader => ReadBody(reader, VectorIndexFile.ReadHeader(reader, VectorIndexKind.Flat)));

    public void Dispose() => _lock.Dispose();

    /// <summary>Writes header and payload (ids, then rows) under the read lock; also used nested in an adaptive file.</summary>
    internal void WriteTo(BinaryWriter writer)
    {
        _lock.EnterReadLock();
        try
        {
            VectorIndexFile.WriteHeader(writer, new VectorFileHeader(VectorIndexKind.Flat, Precision, Dimensions, _rows.Count));
            writer.Write(MemoryMarshal.AsBytes(_ids.AsSpan(0, _rows.Count)));
            _rows.WriteTo(writer);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    internal static FlatVectorIndex ReadBody(BinaryReader reader, VectorFileHeader header)
    {
        var ids = new long[Math.Max(1024, header.Count)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(ids.AsSpan(0, header.Count)));
        var rows = VectorStore.ReadFrom(reader.BaseStream, header.Dimensions, header.Precision, header.Count);
        return new FlatVectorIndex(rows, ids);
    }

    /// <summary>A copy of every (id, row), for building another index from this one while it keeps serving.</summary>
    internal (long[] Ids, VectorStore Rows) Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            var copy = new VectorStore(Dimensions, Precision);
            for (var row = 0; row < _rows.Count; row++)
            {
                copy.Append(_rows.Row(row));
            }

            return (_ids[.._rows.Count], copy);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private static void Collect(TopK<float> top, ReadOnlySpan<float> scores, ReadOnlySpan<long> ids)
    {
        var threshold = top.Threshold;
        for (var r = 0; r < scores.Length; r++)
        {
            // >= so an equal score with a smaller id can still enter; −∞ (skipped rows) never passes once full.
            if (scores[r] >= threshold && !float.IsNegativeInfinity(scores[r]))
            {
                top.Offer(scores[r], ids[r]);
                threshold = top.Threshold;
            }
        }
    }
}
