using System.Runtime.InteropServices;

namespace Switchboard.Knowledge.Vectors.Hnsw;

/// <summary>
/// The links of an HNSW graph. Layer 0 (every node) is one flat int array with a fixed stride per node — a count,
/// then up to 2·M neighbours — so walking it touches one cache-friendly block per node; the few nodes on upper
/// layers get one small array each. Not thread-safe: <see cref="HnswVectorIndex"/> guards it with its lock.
/// </summary>
internal sealed class HnswGraph
{
    private readonly int _stride0;
    private readonly int _strideUpper;
    private int[] _links0 = [];
    private byte[] _levels = [];
    private int[]?[] _upper = [];

    public HnswGraph(int m)
    {
        M = m;
        _stride0 = MaxNeighbors(0) + 1;
        _strideUpper = m + 1;
    }

    public int M { get; }

    public int NodeCount { get; private set; }

    /// <summary>Where searches start: a node on the top layer; −1 while the graph is empty.</summary>
    public int EntryPoint { get; set; } = -1;

    public int MaxLevel { get; set; } = -1;

    public long AllocatedBytes => ((long)_links0.Length * sizeof(int)) + _levels.Length
        + _upper.Sum(u => u is null ? 0L : (long)u.Length * sizeof(int));

    public int MaxNeighbors(int level) => level == 0 ? 2 * M : M;

    public int Level(int node) => _levels[node];

    public int AddNode(int level)
    {
        var node = NodeCount;
        if (node == _levels.Length)
        {
            var capacity = Math.Max(1024, node * 2);
            Array.Resize(ref _levels, capacity);
            Array.Resize(ref _upper, capacity);
            Array.Resize(ref _links0, capacity * _stride0);
        }

        _levels[node] = (byte)level;
        _links0[node * _stride0] = 0;
        _upper[node] = level > 0 ? new int[level * _strideUpper] : null;
        NodeCount++;
        return node;
    }

    public ReadOnlySpan<int> Neighbors(int node, int level)
    {
        var (links, start) = Block(node, level);
        return links.AsSpan(start + 1, links[start]);
    }

    public void SetNeighbors(int node, int level, ReadOnlySpan<int> neighbors)
    {
        var (links, start) = Block(node, level);
        links[start] = neighbors.Length;
        neighbors.CopyTo(links.AsSpan(start + 1, MaxNeighbors(level)));
    }

    /// <summary>Appends a link when there is room; false when the node is full (the caller then re-selects).</summary>
    public bool TryAddNeighbor(int node, int level, int neighbor)
    {
        var (links, start) = Block(node, level);
        var count = links[start];
        if (count >= MaxNeighbors(level))
        {
            return false;
        }

        links[start + 1 + count] = neighbor;
        links[start] = count + 1;
        return true;
    }

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(EntryPoint);
        writer.Write(MaxLevel);
        writer.Write(_levels.AsSpan(0, NodeCount));
        writer.Write(MemoryMarshal.AsBytes(_links0.AsSpan(0, NodeCount * _stride0)));
        for (var node = 0; node < NodeCount; node++)
        {
            if (_upper[node] is { } upper)
            {
                writer.Write(MemoryMarshal.AsBytes(upper.AsSpan()));
            }
        }
    }

    public static HnswGraph ReadFrom(BinaryReader reader, int m, int nodeCount)
    {
        var graph = new HnswGraph(m) { EntryPoint = reader.ReadInt32(), MaxLevel = reader.ReadInt32() };
        var levels = reader.ReadBytes(nodeCount);
        if (levels.Length != nodeCount)
        {
            throw new EndOfStreamException();
        }

        for (var node = 0; node < nodeCount; node++)
        {
            graph.AddNode(levels[node]);
        }

        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(graph._links0.AsSpan(0, nodeCount * graph._stride0)));
        for (var node = 0; node < nodeCount; node++)
        {
            if (graph._upper[node] is { } upper)
            {
                reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(upper.AsSpan()));
            }
        }

        graph.Check();
        return graph;
    }

    /// <summary>Rejects a loaded graph whose links point outside it, rather than failing later inside a search.</summary>
    private void Check()
    {
        if (NodeCount > 0 && (EntryPoint < 0 || EntryPoint >= NodeCount || MaxLevel != _levels[EntryPoint]))
        {
            throw new InvalidDataException("Corrupt HNSW graph: bad entry point.");
        }

        for (var node = 0; node < NodeCount; node++)
        {
            for (var level = 0; level <= _levels[node]; level++)
            {
                var (links, start) = Block(node, level);
                if ((uint)links[start] > (uint)MaxNeighbors(level))
                {
                    throw new InvalidDataException($"Corrupt HNSW graph: node {node} has {links[start]} links on layer {level}.");
                }

                foreach (var neighbor in Neighbors(node, level))
                {
                    if ((uint)neighbor >= (uint)NodeCount || _levels[neighbor] < level)
                    {
                        throw new InvalidDataException($"Corrupt HNSW graph: node {node} links to {neighbor} on layer {level}.");
                    }
                }
            }
        }
    }

    private (int[] Links, int Start) Block(int node, int level) =>
        level == 0 ? (_links0, node * _stride0) : (_upper[node]!, (level - 1) * _strideUpper);
}
