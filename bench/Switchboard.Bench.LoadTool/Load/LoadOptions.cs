namespace Switchboard.Bench.LoadTool.Load;

/// <summary>What one load run sends, how hard, and for how long.</summary>
internal sealed record LoadOptions
{
    public required Uri Url { get; init; }

    /// <summary>The request body, shared by every request (never written to).</summary>
    public required byte[] Body { get; init; }

    public required IReadOnlyList<RequestHeader> Headers { get; init; }

    /// <summary>Closed loop: workers sending back to back. Open loop: the connection pool size.</summary>
    public required int Connections { get; init; }

    /// <summary>Requests per second for an open-loop run; null for a closed loop.</summary>
    public double? Rate { get; init; }

    public required TimeSpan Duration { get; init; }

    public required TimeSpan Warmup { get; init; }

    /// <summary>How long after the end in-flight requests may take before they are cancelled.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Read the response as server-sent events: time to first <c>data:</c> and a <c>[DONE]</c> check.</summary>
    public bool Sse { get; init; }

    public bool IsOpenLoop => Rate is not null;
}
