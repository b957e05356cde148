using Switchboard.Knowledge.Vectors;

namespace Switchboard.Bench.Retrieval.Vectors;

/// <summary>What the <c>vectors</c> verb measures.</summary>
internal sealed record VectorBenchSettings(
    int Count,
    int Dimensions,
    int Queries,
    IReadOnlyList<string> DataKinds,
    IReadOnlyList<int> EfSearch,
    int M,
    int EfConstruction,
    int FloorRuns,
    int Seed,
    IReadOnlyList<VectorPrecision> HnswPrecisions);
