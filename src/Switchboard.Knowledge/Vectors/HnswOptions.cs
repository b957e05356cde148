namespace Switchboard.Knowledge.Vectors;

/// <summary>
/// Parameters of <see cref="HnswVectorIndex"/> (Malkov &amp; Yashunin's names). The defaults are hnswlib's common
/// choice; on this machine they give recall@10 ≥ 0.95 on clustered 384-dimensional vectors (docs/benchmarks.md).
/// </summary>
internal sealed record HnswOptions
{
    /// <summary>Links per node on the upper layers; layer 0 keeps twice as many. More: better recall, more memory, slower inserts.</summary>
    public int M { get; init; } = 16;

    /// <summary>Candidates examined while linking a new node. More: a better graph, slower inserts.</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>Candidates examined per search (at least <c>k</c>). More: better recall, slower searches.</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>
    /// When a sample of the index suggests the filter admits less than this share of the vectors, the search scores
    /// exactly the vectors it admits instead of walking the graph: a graph walk would have to pass through many
    /// rejected nodes to find k admitted ones, and the exact scan over few vectors is cheap.
    /// </summary>
    public double ExactFilterFraction { get; init; } = 0.05;

    public void Validate()
    {
        if (M is < 2 or > 256 || EfConstruction < 1 || EfSearch < 1 || !(ExactFilterFraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HnswOptions), this, "M must be 2–256, efConstruction and efSearch ≥ 1, ExactFilterFraction in [0, 1].");
        }
    }
}
