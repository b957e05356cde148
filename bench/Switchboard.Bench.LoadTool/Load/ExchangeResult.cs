namespace Switchboard.Bench.LoadTool.Load;

/// <summary>
/// How one request went. <paramref name="FirstEventTimestamp"/> is when the first SSE event arrived
/// (0 when not streaming or none came); <paramref name="Failure"/> is null on success.
/// </summary>
internal readonly record struct ExchangeResult(int Status, long FirstEventTimestamp, int Events, string? Failure);
