using Switchboard.Knowledge.Vectors.Persistence;
using Switchboard.Knowledge.Vectors.Storage;

namespace Switchboard.Knowledge.Vectors;

/// <summary>
/// Exact SIMD search while the collection is small, HNSW beyond <see cref="AdaptiveVectorIndexOptions.HnswThreshold"/>.
/// When the count crosses the threshold (or the graph's tombstones pile up) it snapshots the current vectors and
/// builds a graph from them, by default on a background thread while the current index keeps serving; writes made
/// meanwhile go to the current index and to a log that is replayed onto the new graph before it takes over. The
/// switch is one-way: shrinking below the threshold keeps the graph. Owns the inner indexes. Thread-safe: writes are
/// serialised by one lock (so the log and the switch see them in order); searches take no lock of their own and run
/// on whichever index is current — a write completed before a search starts is always visible to it.
/// </summary>
internal sealed class AdaptiveVectorIndex : IVectorIndex
{
    private const int MinTombstonesForRebuild = 1024;

    private readonly Lock _writeGate = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly Random _random;
    private IVectorIndex _current;
    private List<(long Id, float[]? Vector)>? _pending;
    private Task _build = Task.CompletedTask;

    /// <summary>An empty index; <paramref name="random"/> seeds the graph's level draws (default seed 42).</summary>
    public AdaptiveVectorIndex(int dimensions, VectorPrecision precision = VectorPrecision.Float32, AdaptiveVectorIndexOptions? options = null, Random? random = null)
        : this(new FlatVectorIndex(dimensions, precision), options ?? new AdaptiveVectorIndexOptions(), random)
    {
    }

    private AdaptiveVectorIndex(IVectorIndex current, AdaptiveVectorIndexOptions options, Random? random)
    {
        options.Validate();
        Options = options;
        _current = current;
        _random = random ?? new Random(42);
    }

    public AdaptiveVectorIndexOptions Options { get; }

    public int Dimensions => _current.Dimensions;

    public int Count => Current.Count;

    /// <summary>Whether searches are answered by the graph (false: by the exact scan).</summary>
    public bool UsesGraph => Current is HnswVectorIndex;

    /// <summary>Why the last graph build failed, if it did; the index then keeps serving exactly and builds no more.</summary>
    public Exception? BuildFailure { get; private set; }

    /// <summary>Completes when the graph build in progress (if any) has finished and been switched in.</summary>
    public Task WhenBuilt
    {
        get
        {
            lock (_writeGate)
            {
                return _build;
            }
        }
    }

    private IVectorIndex Current => Volatile.Read(ref _current);

    public void Upsert(long id, ReadOnlySpan<float> vector)
    {
        lock (_writeGate)
        {
            _current.Upsert(id, vector);
            _pending?.Add((id, vector.ToArray()));
            MaybeStartBuild();
        }
    }

    public bool Remove(long id)
    {
        lock (_writeGate)
        {
            var removed = _current.Remove(id);
            if (removed)
            {
                _pending?.Add((id, null));
                MaybeStartBuild();
            }

            return removed;
        }
    }

    public bool Contains(long id) => Current.Contains(id);

    public IReadOnlyList<long> Ids() => Current.Ids();

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null) =>
        Current.Search(query, k, filter);

    /// <summary>Saves whichever index is current; writers wait meanwhile (searches do not), so header and payload agree.</summary>
    public void Save(string path)
    {
        lock (_writeGate)
        {
            VectorIndexFile.Save(path, WriteTo);
        }
    }

    public static AdaptiveVectorIndex Load(string path, Random? random = null) =>
        VectorIndexFile.Load(path, reader => ReadBody(reader, VectorIndexFile.ReadHeader(reader, VectorIndexKind.Adaptive), random));

    public void Dispose()
    {
        _disposing.Cancel();
        try
        {
            WhenBuilt.Wait();
        }
        catch (AggregateException)
        {
            // A cancelled or failed build leaves nothing behind to clean up.
        }

        _current.Dispose();
        _disposing.Dispose();
    }

    internal static AdaptiveVectorIndex ReadBody(BinaryReader reader, VectorFileHeader header, Random? random = null)
    {
        var options = new AdaptiveVectorIndexOptions
        {
            HnswThreshold = reader.ReadInt32(),
            BuildInBackground = reader.ReadBoolean(),
            RebuildTombstoneFraction = reader.ReadDouble(),
            Hnsw = new HnswOptions
            {
                M = reader.ReadInt32(),
                EfConstruction = reader.ReadInt32(),
                EfSearch = reader.ReadInt32(),
                ExactFilterFraction = reader.ReadDouble(),
            },
        };
        var inner = VectorIndexFile.ReadAny(reader);
        if (inner is AdaptiveVectorIndex || inner.Dimensions != header.Dimensions)
        {
            throw new InvalidDataException("Corrupt adaptive vector index file: unexpected inner index.");
        }

        var index = new AdaptiveVectorIndex(inner, options, random);
        lock (index._writeGate)
        {
            index.MaybeStartBuild();
        }

        return index;
    }

    private void WriteTo(BinaryWriter writer)
    {
        var current = Current;
        VectorIndexFile.WriteHeader(writer, new VectorFileHeader(VectorIndexKind.Adaptive, PrecisionOf(current), current.Dimensions, current.Count));
        writer.Write(Options.HnswThreshold);
        writer.Write(Options.BuildInBackground);
        writer.Write(Options.RebuildTombstoneFraction);
        writer.Write(Options.Hnsw.M);
        writer.Write(Options.Hnsw.EfConstruction);
        writer.Write(Options.Hnsw.EfSearch);
        writer.Write(Options.Hnsw.ExactFilterFraction);
        switch (current)
        {
            case FlatVectorIndex flat:
                flat.WriteTo(writer);
                break;
            case HnswVectorIndex graph:
                graph.WriteTo(writer);
                break;
        }
    }

    private static VectorPrecision PrecisionOf(IVectorIndex index) =>
        index is HnswVectorIndex graph ? graph.Precision : ((FlatVectorIndex)index).Precision;

    /// <summary>Starts a build when one is due and none is running. Called under <see cref="_writeGate"/>.</summary>
    private void MaybeStartBuild()
    {
        if (_pending is not null || BuildFailure is not null || _disposing.IsCancellationRequested)
        {
            return;
        }

        (long[] Ids, VectorStore Rows) snapshot;
        switch (_current)
        {
            case FlatVectorIndex flat when flat.Count >= Options.HnswThreshold:
                snapshot = flat.Snapshot();
                break;
            case HnswVectorIndex graph when graph.TombstoneCount >= Math.Max(MinTombstonesForRebuild, Options.RebuildTombstoneFraction * graph.Count):
                snapshot = graph.Snapshot();
                break;
            default:
                return;
        }

        _pending = [];
        // Each build draws levels from its own generator: the current graph keeps using _random for its inserts.
        var random = new Random(_random.Next());
        var token = _disposing.Token;
        if (Options.BuildInBackground)
        {
            _build = Task.Factory.StartNew(() => BuildAndSwitch(snapshot, random, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        else
        {
            BuildAndSwitch(snapshot, random, token);
        }
    }

    private void BuildAndSwitch((long[] Ids, VectorStore Rows) snapshot, Random random, CancellationToken token)
    {
        HnswVectorIndex? graph = null;
        var switched = false;
        try
        {
            graph = HnswVectorIndex.Build(snapshot.Ids, snapshot.Rows, Options.Hnsw, random, token);
            lock (_writeGate)
            {
                foreach (var (id, vector) in _pending!)
                {
                    if (vector is null)
                    {
                        graph.Remove(id);
                    }
                    else
                    {
                        graph.Upsert(id, vector);
                    }
                }

                // The old index is not disposed: searches that read it a moment ago may still be running on it.
                Volatile.Write(ref _current, graph);
                _pending = null;
                switched = true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recorded rather than retried on every later write; WhenBuilt carries the exception to whoever awaits it.
            BuildFailure = ex;
            throw;
        }
        finally
        {
            if (!switched)
            {
                graph?.Dispose();
                lock (_writeGate)
                {
                    // Without this the replay log would grow with every write and no build would start again.
                    _pending = null;
                }
            }
        }
    }
}
