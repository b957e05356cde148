using System.Diagnostics;

namespace Switchboard.Bench.Local.Http;

/// <summary>
/// Decode speed over HTTP: tokens produced after each stream's first token, over the time from the earliest
/// first token to the latest last token. The first token of a stream also carries the prompt and queueing,
/// so it is left out; for one stream this is (n − 1) / (last − first), the same steps the raw loop times.
/// </summary>
internal sealed record HttpDecodeResult(IReadOnlyList<StreamTiming> Streams)
{
    public int CompletionTokens => Streams.Sum(s => s.CompletionTokens);

    public int ContentChunks => Streams.Sum(s => s.ContentChunks);

    public TimeSpan Window => Stopwatch.GetElapsedTime(Streams.Min(s => s.FirstContent), Streams.Max(s => s.LastContent));

    public double TokensPerSecond => Streams.Sum(s => Math.Max(0, s.CompletionTokens - 1)) / Window.TotalSeconds;
}
