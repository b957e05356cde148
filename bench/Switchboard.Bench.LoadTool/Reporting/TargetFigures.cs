using Switchboard.Bench.LoadTool.Results;

namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>Everything measured against one target (direct, nginx or switchboard); a phase that did not run is null.</summary>
internal sealed record TargetFigures(string Name, LoadResult? Latency, LoadResult? Throughput, WrkResult? Wrk, LoadResult? Stream, LoadResult? ConcurrentStreams);
