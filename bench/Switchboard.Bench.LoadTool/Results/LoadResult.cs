using Switchboard.Bench.LoadTool.Histograms;

namespace Switchboard.Bench.LoadTool.Results;

/// <summary>
/// One load run as written by <c>--json-out</c>. <see cref="RequestsPerSecond"/> counts successful
/// responses only; <see cref="Latency"/> is the whole exchange (for SSE the whole stream), measured from
/// the send time (closed loop) or the intended send time (open loop).
/// </summary>
internal sealed record LoadResult
{
    public required string Url { get; init; }

    /// <summary><c>closed</c> or <c>open</c>.</summary>
    public required string Mode { get; init; }

    public required int Connections { get; init; }

    public double? Rate { get; init; }

    public required double DurationSeconds { get; init; }

    public required double WarmupSeconds { get; init; }

    public required bool Sse { get; init; }

    public required DateTimeOffset StartedAtUtc { get; init; }

    /// <summary>From the end of the warm-up until the last measured response ended.</summary>
    public required double ElapsedSeconds { get; init; }

    public required long Requests { get; init; }

    public required long Errors { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorKinds { get; init; }

    /// <summary>Open loop only: measured slots never sent before the run was stopped.</summary>
    public long Unsent { get; init; }

    public required double RequestsPerSecond { get; init; }

    public required LatencySummary Latency { get; init; }

    public LatencySummary? TimeToFirstToken { get; init; }

    public LatencySummary? SendLag { get; init; }

    public double? MeanEventsPerStream { get; init; }
}
