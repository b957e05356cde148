using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Switchboard.Knowledge.Vectors.Storage;

/// <summary>
/// Unit vectors of one dimension stored row after row in chunks of <see cref="RowsPerChunk"/> rows: f32, or int8
/// with one f32 scale per row. Chunks keep every row contiguous (a scan streams memory) without the copy and
/// the doubled peak of regrowing one huge array. Rows are addressed by number; the owner maps ids to rows.
/// Not thread-safe: the owning index guards it with its lock.
/// </summary>
internal sealed class VectorStore
{
    public const int ChunkShift = 10;
    public const int RowsPerChunk = 1 << ChunkShift;
    private const int RowMask = RowsPerChunk - 1;

    private readonly List<float[]> _floats = [];
    private readonly List<sbyte[]> _bytes = [];
    private readonly List<float[]> _scales = [];

    public VectorStore(int dimensions, VectorPrecision precision)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision.");
        }

        Dimensions = dimensions;
        Precision = precision;
    }

    public int Dimensions { get; }

    public VectorPrecision Precision { get; }

    public int Count { get; private set; }

    public int ChunkCount => (Count + RowMask) >> ChunkShift;

    /// <summary>Bytes held by the rows (allocated chunks included), for memory reports.</summary>
    public long AllocatedBytes => Precision == VectorPrecision.Float32
        ? (long)_floats.Count * RowsPerChunk * Dimensions * sizeof(float)
        : (long)_bytes.Count * RowsPerChunk * (Dimensions + sizeof(float));

    public int Append(scoped in VectorQuery vector)
    {
        var row = Count;
        if ((row >> ChunkShift) == ChunkSlots())
        {
            AddChunk();
        }

        Count++;
        Set(row, vector);
        return row;
    }

    /// <summary>Overwrites <paramref name="row"/>; <paramref name="vector"/> must be in this store's precision.</summary>
    public void Set(int row, scoped in VectorQuery vector)
    {
        CheckRow(row);
        if (Precision == VectorPrecision.Float32)
        {
            vector.Floats.CopyTo(FloatRow(row));
        }
        else
        {
            vector.Bytes.CopyTo(ByteRow(row));
            _scales[row >> ChunkShift][row & RowMask] = vector.Scale;
        }
    }

    /// <summary>Copies row <paramref name="from"/> over row <paramref name="to"/> (swap-with-last removal).</summary>
    public void Move(int from, int to) => Set(to, Row(from));

    public void RemoveLast()
    {
        ArgumentOutOfRangeException.ThrowIfZero(Count);
        Count--;
        // Keep one empty chunk as slack, so a remove-add pair at a chunk boundary does not reallocate.
        while (ChunkSlots() > ChunkCount + 1)
        {
            RemoveChunk();
        }
    }

    public VectorQuery Row(int row)
    {
        CheckRow(row);
        return Precision == VectorPrecision.Float32
            ? new VectorQuery(FloatRow(row))
            : new VectorQuery(ByteRow(row), _scales[row >> ChunkShift][row & RowMask]);
    }

    /// <summary>Cosine similarity of <paramref name="query"/> (this store's precision) and a stored row.</summary>
    public float Score(scoped in VectorQuery query, int row)
    {
        if (Precision == VectorPrecision.Float32)
        {
            return TensorPrimitives.Dot(query.Floats, FloatRow(row));
        }

        return Int8Dot.Dot(query.Bytes, ByteRow(row)) * query.Scale * _scales[row >> ChunkShift][row & RowMask];
    }

    /// <summary>
    /// Scores every row of <paramref name="chunk"/> into <paramref name="scores"/>, skipping rows whose entry in
    /// <paramref name="skip"/> is set (their score is −∞). The flat index's inner loop: one bounds check per chunk,
    /// rows read in storage order.
    /// </summary>
    public void ScoreChunk(scoped in VectorQuery query, int chunk, Span<float> scores, ReadOnlySpan<bool> skip)
    {
        var rows = Math.Min(RowsPerChunk, Count - (chunk << ChunkShift));
        var d = Dimensions;
        if (Precision == VectorPrecision.Float32)
        {
            var data = _floats[chunk].AsSpan(0, rows * d);
            var q = query.Floats;
            for (var r = 0; r < rows; r++)
            {
                scores[r] = skip.IsEmpty || !skip[r] ? TensorPrimitives.Dot(q, data.Slice(r * d, d)) : float.NegativeInfinity;
            }

            return;
        }

        var bytes = _bytes[chunk].AsSpan(0, rows * d);
        var scales = _scales[chunk];
        var qb = query.Bytes;
        var qs = query.Scale;
        for (var r = 0; r < rows; r++)
        {
            scores[r] = skip.IsEmpty || !skip[r] ? Int8Dot.Dot(qb, bytes.Slice(r * d, d)) * qs * scales[r] : float.NegativeInfinity;
        }
    }

    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var chunk = 0; chunk < ChunkCount; chunk++)
        {
            var rows = Math.Min(RowsPerChunk, Count - (chunk << ChunkShift));
            if (Precision == VectorPrecision.Float32)
            {
                writer.Write(MemoryMarshal.AsBytes(_floats[chunk].AsSpan(0, rows * Dimensions)));
            }
            else
            {
                writer.Write(MemoryMarshal.AsBytes(_bytes[chunk].AsSpan(0, rows * Dimensions)));
                writer.Write(MemoryMarshal.AsBytes(_scales[chunk].AsSpan(0, rows)));
            }
        }
    }

    public static VectorStore ReadFrom(Stream stream, int dimensions, VectorPrecision precision, int count)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var store = new VectorStore(dimensions, precision);
        while (store.Count < count)
        {
            var rows = Math.Min(RowsPerChunk, count - store.Count);
            store.AddChunk();
            if (precision == VectorPrecision.Float32)
            {
                stream.ReadExactly(MemoryMarshal.AsBytes(store._floats[^1].AsSpan(0, rows * dimensions)));
            }
            else
            {
                stream.ReadExactly(MemoryMarshal.AsBytes(store._bytes[^1].AsSpan(0, rows * dimensions)));
                stream.ReadExactly(MemoryMarshal.AsBytes(store._scales[^1].AsSpan(0, rows)));
            }

            store.Count += rows;
        }

        return store;
    }

    private Span<float> FloatRow(int row) => _floats[row >> ChunkShift].AsSpan((row & RowMask) * Dimensions, Dimensions);

    private Span<sbyte> ByteRow(int row) => _bytes[row >> ChunkShift].AsSpan((row & RowMask) * Dimensions, Dimensions);

    private int ChunkSlots() => Precision == VectorPrecision.Float32 ? _floats.Count : _bytes.Count;

    private void AddChunk()
    {
        if (Precision == VectorPrecision.Float32)
        {
            _floats.Add(new float[RowsPerChunk * Dimensions]);
        }
        else
        {
            _bytes.Add(new sbyte[RowsPerChunk * Dimensions]);
            _scales.Add(new float[RowsPerChunk]);
        }
    }

    private void RemoveChunk()
    {
        if (Precision == VectorPrecision.Float32)
        {
            _floats.RemoveAt(_floats.Count - 1);
        }
        else
        {
            _bytes.RemoveAt(_bytes.Count - 1);
            _scales.RemoveAt(_scales.Count - 1);
        }
    }

    private void CheckRow(int row) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
}
