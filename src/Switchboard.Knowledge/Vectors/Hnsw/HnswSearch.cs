using Switchboard.Knowledge.Vectors.Storage;

namespace Switchboard.Knowledge.Vectors.Hnsw;

/// <summary>
/// The two HNSW algorithms over a graph and its vectors: the layer search (greedy best-first with a bounded result
/// set, Malkov &amp; Yashunin algorithm 2) and linking a new node with the neighbour-selection heuristic (algorithm 4,
/// as hnswlib does it: a candidate is kept only when it is nearer to the new node than to every neighbour kept
/// so far, which keeps links spread out in different directions). Stateless; callers hold the index's lock.
/// </summary>
internal static class HnswSearch
{
    /// <summary>Greedy descent through the layers above <paramref name="toLevel"/>: one nearest node per layer.</summary>
    public static int Descend(VectorStore store, HnswGraph graph, scoped in VectorQuery query, int toLevel)
    {
        var node = graph.EntryPoint;
        var best = store.Score(query, node);
        for (var level = graph.MaxLevel; level > toLevel; level--)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var neighbor in graph.Neighbors(node, level))
                {
                    var score = store.Score(query, neighbor);
                    if (score > best)
                    {
                        (best, node, changed) = (score, neighbor, true);
                    }
                }
            }
        }

        return node;
    }

    /// <summary>
    /// Best-first search of one layer from <paramref name="entry"/>; leaves up to <paramref name="ef"/> admitted nodes
    /// in <c>scratch.Results</c> (similarity keys, worst on top). Nodes the filter rejects are expanded but never
    /// admitted, and the search stops only once <paramref name="ef"/> admitted nodes beat every open candidate.
    /// </summary>
    public static void SearchLayer(
        VectorStore store, HnswGraph graph, scoped in VectorQuery query, int entry, int ef, int level, in NodeFilter filter, HnswScratch scratch)
    {
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        candidates.Clear();
        results.Clear();
        scratch.BeginVisit(graph.NodeCount);
        scratch.Visit(entry);
        var entryScore = store.Score(query, entry);
        candidates.Push(-entryScore, entry);
        if (filter.Admits(entry))
        {
            results.Push(entryScore, entry);
        }

        while (candidates.Count > 0)
        {
            var (negated, current) = candidates.Pop();
            if (results.Count >= ef && -negated < results.MinKey)
            {
                break;
            }

            foreach (var neighbor in graph.Neighbors(current, level))
            {
                if (!scratch.Visit(neighbor))
                {
                    continue;
                }

                var score = store.Score(query, neighbor);
                if (results.Count < ef || score > results.MinKey)
                {
                    candidates.Push(-score, neighbor);
                    if (filter.Admits(neighbor))
                    {
                        results.Push(score, neighbor);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }
                }
            }
        }
    }

    /// <summary>Links <paramref name="node"/>, already added to the graph at its level, into every layer it is on.</summary>
    public static void Link(VectorStore store, HnswGraph graph, int node, int efConstruction, HnswScratch scratch)
    {
        var level = graph.Level(node);
        if (graph.EntryPoint < 0)
        {
            (graph.EntryPoint, graph.MaxLevel) = (node, level);
            return;
        }

        var query = store.Row(node);
        var entry = Descend(store, graph, query, level);
        scratch.EnsurePairs(Math.Max(efConstruction, graph.MaxNeighbors(0)) + 1);
        Span<int> selected = stackalloc int[graph.MaxNeighbors(0)];
        for (var layer = Math.Min(level, graph.MaxLevel); layer >= 0; layer--)
        {
            SearchLayer(store, graph, query, entry, efConstruction, layer, NodeFilter.All, scratch);
            var count = DrainBestFirst(scratch.Results, scratch.PairKeys, scratch.PairNodes);
            entry = scratch.PairNodes[0];
            var kept = SelectNeighbors(store, scratch.PairKeys.AsSpan(0, count), scratch.PairNodes.AsSpan(0, count), graph.M, selected);
            graph.SetNeighbors(node, layer, selected[..kept]);
            foreach (var neighbor in selected[..kept])
            {
                if (!graph.TryAddNeighbor(neighbor, layer, node))
                {
                    Shrink(store, graph, neighbor, layer, node, scratch);
                }
            }
        }

        if (level > graph.MaxLevel)
        {
            (graph.EntryPoint, graph.MaxLevel) = (node, level);
        }
    }

    /// <summary>A full node gets one more candidate (<paramref name="added"/>) and keeps the heuristic's best set.</summary>
    private static void Shrink(VectorStore store, HnswGraph graph, int node, int level, int added, HnswScratch scratch)
    {
        var query = store.Row(node);
        var existing = graph.Neighbors(node, level);
        var keys = scratch.PairKeys.AsSpan(0, existing.Length + 1);
        var nodes = scratch.PairNodes.AsSpan(0, existing.Length + 1);
        for (var i = 0; i < existing.Length; i++)
        {
            nodes[i] = existing[i];
            keys[i] = -store.Score(query, existing[i]);
        }

        nodes[^1] = added;
        keys[^1] = -store.Score(query, added);
        keys.Sort(nodes);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = -keys[i];
        }

        Span<int> selected = stackalloc int[graph.MaxNeighbors(level)];
        var kept = SelectNeighbors(store, keys, nodes, selected.Length, selected);
        graph.SetNeighbors(node, level, selected[..kept]);
    }

    /// <summary>
    /// The heuristic over candidates sorted best first: keep a candidate unless an already kept neighbour is nearer
    /// to it than the query is. Returns how many of <paramref name="selected"/> it filled (at most <paramref name="m"/>).
    /// </summary>
    private static int SelectNeighbors(VectorStore store, ReadOnlySpan<float> scores, ReadOnlySpan<int> nodes, int m, Span<int> selected)
    {
        var kept = 0;
        for (var i = 0; i < nodes.Length && kept < m; i++)
        {
            var candidate = store.Row(nodes[i]);
            var keep = true;
            for (var j = 0; j < kept && keep; j++)
            {
                keep = store.Score(candidate, selected[j]) <= scores[i];
            }

            if (keep)
            {
                selected[kept++] = nodes[i];
            }
        }

        return kept;
    }

    /// <summary>Empties a result heap into arrays sorted by similarity, best first; returns the count.</summary>
    public static int DrainBestFirst(NodeHeap results, float[] keys, int[] nodes)
    {
        var count = results.Count;
        for (var i = count - 1; i >= 0; i--)
        {
            (keys[i], nodes[i]) = results.Pop();
        }

        return count;
    }
}
