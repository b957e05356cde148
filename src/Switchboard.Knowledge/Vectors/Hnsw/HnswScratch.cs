namespace Switchboard.Knowledge.Vectors.Hnsw;

/// <summary>
/// Per-thread working memory of graph searches: a visited set as generation stamps (clearing is one increment, not
/// a pass over all nodes) and the two heaps. One instance per thread (<see cref="ThreadStaticAttribute"/>), so
/// concurrent searches under a shared read lock never share it.
/// </summary>
internal sealed class HnswScratch
{
    [ThreadStatic]
    private static HnswScratch? t_current;

    private int[] _stamps = [];
    private int _stamp;

    public NodeHeap Candidates { get; } = new();

    public NodeHeap Results { get; } = new();

    /// <summary>Room for selecting neighbours: (similarity, node) pairs.</summary>
    public float[] PairKeys { get; private set; } = new float[64];

    public int[] PairNodes { get; private set; } = new int[64];

    public static HnswScratch ForThread() => t_current ??= new HnswScratch();

    /// <summary>Starts a new visited set over <paramref name="nodeCount"/> nodes.</summary>
    public void BeginVisit(int nodeCount)
    {
        if (_stamps.Length < nodeCount)
        {
            _stamps = new int[Math.Max(nodeCount, _stamps.Length * 2)];
            _stamp = 0;
        }

        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/> visited; false when it already was.</summary>
    public bool Visit(int node)
    {
        if (_stamps[node] == _stamp)
        {
            return false;
        }

        _stamps[node] = _stamp;
        return true;
    }

    public void EnsurePairs(int count)
    {
        if (PairKeys.Length < count)
        {
            PairKeys = new float[count * 2];
            PairNodes = new int[count * 2];
        }
    }
}
