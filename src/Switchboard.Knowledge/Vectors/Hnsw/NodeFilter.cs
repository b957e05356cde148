namespace Switchboard.Knowledge.Vectors.Hnsw;

/// <summary>
/// Which nodes may enter a search's results: live ones (not tombstoned) that the caller's filter admits. Rejected
/// nodes are still walked through, so they keep the graph connected. A view over the index's arrays, valid under
/// its lock.
/// </summary>
internal readonly struct NodeFilter(bool[]? deleted, long[] ids, Func<long, bool>? filter)
{
    /// <summary>Admits every node, tombstones included: graph construction links through everything.</summary>
    public static NodeFilter All => new(null, [], null);

    public bool Admits(int node) =>
        (deleted is null || !deleted[node]) && (filter is null || filter(ids[node]));
}
