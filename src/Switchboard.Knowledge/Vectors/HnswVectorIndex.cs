using System.Runtime.InteropServices;
using Switchboard.Knowledge.Ranking;
using Switchboard.Knowledge.Vectors.Hnsw;
using Switchboard.Knowledge.Vectors.Persistence;
using Switchboard.Knowledge.Vectors.Storage;

namespace Switchboard.Knowledge.Vectors;

/// <summary>
/// Approximate nearest-neighbour search over a hierarchical navigable small-world graph (Malkov &amp; Yashunin),
/// with vectors stored f32 or int8. Removal and replacement leave tombstones: a removed node stays in the graph so
/// searches can still pass through it, but never appears in results (see <see cref="TombstoneCount"/>; the
/// adaptive index rebuilds when they pile up). Filtered searches walk through rejected nodes and admit only
/// accepted ones; when a sample shows the filter admits few vectors, they are scored exactly instead.
/// Owns its vectors and graph. Thread-safe with one <see cref="ReaderWriterLockSlim"/>: searches share it, each
/// insert holds it exclusively (an insert is a graph search plus relinking, ~0.1–1 ms, so writers stall readers
/// only briefly), and normalising happens before the lock is taken.
/// </summary>
internal sealed class HnswVectorIndex : IVectorIndex
{
    private const int FilterSample = 256;
    private const double GoldenRatioConjugate = 0.6180339887498949;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly VectorStore _store;
    private readonly HnswGraph _graph;
    private readonly Random _random;
    private readonly double _levelFactor;
    private readonly Dictionary<long, int> _nodeOf = [];
    private long[] _ids;
    private bool[] _deleted;

    /// <summary>An empty index; <paramref name="random"/> draws node levels (inject a seeded one for reproducible graphs; default seed 42).</summary>
    public HnswVectorIndex(int dimensions, VectorPrecision precision = VectorPrecision.Float32, HnswOptions? options = null, Random? random = null)
        : this(new VectorStore(dimensions, precision), [], [], options ?? new HnswOptions(), random, graph: null)
    {
    }

    private HnswVectorIndex(VectorStore store, long[] ids, bool[] deleted, HnswOptions options, Random? random, HnswGraph? graph)
    {
        options.Validate();
        Options = options;
        _store = store;
        _ids = ids;
        _deleted = deleted;
        _graph = graph ?? new HnswGraph(options.M);
        _random = random ?? new Random(42);
        _levelFactor = 1 / Math.Log(options.M);
    }

    public HnswOptions Options { get; }

    public int Dimensions => _store.Dimensions;

    public VectorPrecision Precision => _store.Precision;

    public int Count => _lock.Read(() => _nodeOf.Count);

    /// <summary>Removed or replaced nodes still in the graph.</summary>
    public int TombstoneCount => _lock.Read(() => _graph.NodeCount - _nodeOf.Count);

    /// <summary>Bytes held by vectors, graph and ids, for memory reports.</summary>
    public long AllocatedBytes => _lock.Read(() => _store.AllocatedBytes + _graph.AllocatedBytes + ((long)_ids.Length * (sizeof(long) + 1)));

    public void Upsert(long id, ReadOnlySpan<float> vector)
    {
        VectorIndexGuards.CheckDimensions(Dimensions, vector, nameof(vector));
        using var prepared = new QueryBuffer(vector, Precision);
        _lock.EnterWriteLock();
        try
        {
            if (_nodeOf.TryGetValue(id, out var old))
            {
                _deleted[old] = true;
            }

            var node = _store.Append(prepared.Query);
            AddNode(node, id);
            _nodeOf[id] = node;
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
            if (!_nodeOf.Remove(id, out var node))
            {
                return false;
            }

            _deleted[node] = true;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(long id) => _lock.Read(() => _nodeOf.ContainsKey(id));

    public IReadOnlyList<long> Ids() => _lock.Read<IReadOnlyList<long>>(() => [.. _nodeOf.Keys]);

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null) =>
        Search(query, k, filter, Options.EfSearch);

    /// <summary>A search with its own <paramref name="efSearch"/> (benchmarks sweep it; the option stays the default).</summary>
    internal IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter, int efSearch)
    {
        VectorIndexGuards.CheckDimensions(Dimensions, query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(efSearch);
        using var prepared = new QueryBuffer(query, Precision);
        _lock.EnterReadLock();
        try
        {
            var ef = Math.Max(efSearch, k);
            if (_nodeOf.Count <= ef || (filter is not null && AdmittedShare(filter) < Options.ExactFilterFraction))
            {
                return SearchExact(prepared.Query, k, filter);
            }

            var scratch = HnswScratch.ForThread();
            var entry = HnswSearch.Descend(_store, _graph, prepared.Query, toLevel: 0);
            HnswSearch.SearchLayer(_store, _graph, prepared.Query, entry, ef, 0, new NodeFilter(_deleted, _ids, filter), scratch);
            var top = new TopK<float>(Math.Min(k, scratch.Results.Count));
            while (scratch.Results.Count > 0)
            {
                var (score, node) = scratch.Results.Pop();
                top.Offer(score, _ids[node]);
            }

            return top.Drain(VectorIndexGuards.Hit);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Save(string path) => VectorIndexFile.Save(path, WriteTo);

    public static HnswVectorIndex Load(string path, Random? random = null) =>
        VectorIndexFile.Load(path, reader => ReadBody(reader, VectorIndexFile.ReadHeader(reader, VectorIndexKind.Hnsw), random));

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// Builds an index over rows already stored (a snapshot), taking ownership of <paramref name="rows"/>. Runs on the
    /// caller's thread without contention (nothing else can see the index yet); checks for cancellation every 256 nodes.
    /// </summary>
    internal static HnswVectorIndex Build(long[] ids, VectorStore rows, HnswOptions options, Random? random, CancellationToken cancellationToken)
    {
        var index = new HnswVectorIndex(rows, new long[Math.Max(1024, rows.Count)], new bool[Math.Max(1024, rows.Count)], options, random, graph: null);
        for (var node = 0; node < rows.Count; node++)
        {
            if ((node & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!index._nodeOf.TryAdd(ids[node], node))
            {
                throw new ArgumentException($"Id {ids[node]} appears twice.", nameof(ids));
            }

            index.AddNode(node, ids[node]);
        }

        return index;
    }

    /// <summary>A copy of the live (id, row) pairs, for rebuilding without tombstones while this index serves.</summary>
    internal (long[] Ids, VectorStore Rows) Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            var ids = new long[_nodeOf.Count];
            var rows = new VectorStore(Dimensions, Precision);
            for (var node = 0; node < _graph.NodeCount; node++)
            {
                if (!_deleted[node])
                {
                    ids[rows.Count] = _ids[node];
                    rows.Append(_store.Row(node));
                }
            }

            return (ids, rows);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Header, options, ids, tombstones, vectors, graph — under the read lock; also used nested in an adaptive file.</summary>
    internal void WriteTo(BinaryWriter writer)
    {
        _lock.EnterReadLock();
        try
        {
            var nodes = _graph.NodeCount;
            VectorIndexFile.WriteHeader(writer, new VectorFileHeader(VectorIndexKind.Hnsw, Precision, Dimensions, nodes));
            writer.Write(Options.M);
            writer.Write(Options.EfConstruction);
            writer.Write(Options.EfSearch);
            writer.Write(Options.ExactFilterFraction);
            writer.Write(MemoryMarshal.AsBytes(_ids.AsSpan(0, nodes)));
            writer.Write(MemoryMarshal.AsBytes(_deleted.AsSpan(0, nodes)));
            _store.WriteTo(writer);
            _graph.WriteTo(writer);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    internal static HnswVectorIndex ReadBody(BinaryReader reader, VectorFileHeader header, Random? random)
    {
        var options = new HnswOptions
        {
            M = reader.ReadInt32(),
            EfConstruction = reader.ReadInt32(),
            EfSearch = reader.ReadInt32(),
            ExactFilterFraction = reader.ReadDouble(),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidDataException("Corrupt HNSW options in the vector index file.", ex);
        }

        var nodes = header.Count;
        var ids = new long[Math.Max(1024, nodes)];
        var deleted = new bool[Math.Max(1024, nodes)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(ids.AsSpan(0, nodes)));
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(deleted.AsSpan(0, nodes)));
        var store = VectorStore.ReadFrom(reader.BaseStream, header.Dimensions, header.Precision, nodes);
        var graph = HnswGraph.ReadFrom(reader, options.M, nodes);
        var index = new HnswVectorIndex(store, ids, deleted, options, random, graph);
        for (var node = 0; node < nodes; node++)
        {
            if (!deleted[node] && !index._nodeOf.TryAdd(ids[node], node))
            {
                throw new InvalidDataException($"Id {ids[node]} is live twice in the HNSW file.");
            }
        }

        return index;
    }

    /// <summary>Registers stored row <paramref name="node"/> as a graph node at a random level and links it.</summary>
    private void AddNode(int node, long id)
    {
        if (node == _ids.Length)
        {
            Array.Resize(ref _ids, Math.Max(1024, node * 2));
            Array.Resize(ref _deleted, _ids.Length);
        }

        _ids[node] = id;
        _deleted[node] = false;
        // Level ~ floor(−ln U · mL), mL = 1 / ln M: each layer holds about 1/M of the one below.
        var level = Math.Min(30, (int)(-Math.Log(1 - _random.NextDouble()) * _levelFactor));
        _graph.AddNode(level);
        HnswSearch.Link(_store, _graph, node, Options.EfConstruction, HnswScratch.ForThread());
    }

    /// <summary>
    /// The share of live nodes the filter admits, estimated from <see cref="FilterSample"/> nodes at golden-ratio
    /// positions. Not a regular stride: a stride can line up with the filter (every 390th node of a filter on
    /// <c>id % 100</c> samples 10 % for a 1 % filter); the golden-ratio sequence never settles into such a period.
    /// </summary>
    private double AdmittedShare(Func<long, bool> filter)
    {
        var nodes = _graph.NodeCount;
        int live = 0, admitted = 0;
        for (var i = 0; i < Math.Min(FilterSample, nodes); i++)
        {
            var node = (int)((i + 0.5) * GoldenRatioConjugate % 1 * nodes);
            if (!_deleted[node])
            {
                live++;
                admitted += filter(_ids[node]) ? 1 : 0;
            }
        }

        return live == 0 ? 0 : (double)admitted / live;
    }

    private VectorHit[] SearchExact(scoped in VectorQuery query, int k, Func<long, bool>? filter)
    {
        var top = new TopK<float>(Math.Min(k, _nodeOf.Count));
        for (var node = 0; node < _graph.NodeCount; node++)
        {
            if (!_deleted[node] && (filter is null || filter(_ids[node])))
            {
                var score = _store.Score(query, node);
                if (score >= top.Threshold)
                {
                    top.Offer(score, _ids[node]);
                }
            }
        }

        return top.Drain(VectorIndexGuards.Hit);
    }
}
