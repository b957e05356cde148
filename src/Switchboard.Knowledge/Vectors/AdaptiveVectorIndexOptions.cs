namespace Switchboard.Knowledge.Vectors;

/// <summary>When <see cref="AdaptiveVectorIndex"/> moves from the exact scan to a graph, and how it builds it.</summary>
internal sealed record AdaptiveVectorIndexOptions
{
    /// <summary>
    /// Vectors at which the graph is built. Below it an exact SIMD scan answers in well under a few milliseconds
    /// (about 1 ms for 20,000 × 384 f32 here) with perfect recall, so a graph would only cost memory and build time.
    /// </summary>
    public int HnswThreshold { get; init; } = 20_000;

    public HnswOptions Hnsw { get; init; } = new();

    /// <summary>Build the graph on a background thread while the current index keeps serving (false: on the writer's thread).</summary>
    public bool BuildInBackground { get; init; } = true;

    /// <summary>Rebuild the graph once tombstones (removed or replaced vectors) exceed this share of the live ones.</summary>
    public double RebuildTombstoneFraction { get; init; } = 0.5;

    public void Validate()
    {
        Hnsw.Validate();
        if (HnswThreshold < 1 || !(RebuildTombstoneFraction > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(AdaptiveVectorIndexOptions), this, "HnswThreshold must be ≥ 1 and RebuildTombstoneFraction > 0.");
        }
    }
}
