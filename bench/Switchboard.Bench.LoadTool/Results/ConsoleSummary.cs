using System.Globalization;
using System.Text;
using Switchboard.Bench.LoadTool.Histograms;

namespace Switchboard.Bench.LoadTool.Results;

/// <summary>Formats a <see cref="LoadResult"/> for people.</summary>
internal static class ConsoleSummary
{
    public static string Format(LoadResult result)
    {
        var text = new StringBuilder();
        var mode = result.Mode == "open"
            ? string.Create(CultureInfo.InvariantCulture, $"open loop at {result.Rate:0.#}/s, connections: {result.Connections}")
            : string.Create(CultureInfo.InvariantCulture, $"closed loop, connections: {result.Connections}");
        Line(text, $"POST {result.Url} — {mode}{(result.Sse ? ", SSE" : "")}, {result.DurationSeconds:0.#} s after {result.WarmupSeconds:0.#} s warm-up");
        Line(text, $"  requests   {result.Requests} ok in {result.ElapsedSeconds:0.###} s = {result.RequestsPerSecond:0.0}/s; errors {result.Errors}{Kinds(result)}");
        Line(text, $"  latency    {Figures(result.Latency)}");
        if (result.TimeToFirstToken is { } ttft)
        {
            Line(text, $"  ttft       {Figures(ttft)}");
            Line(text, $"  events     {result.MeanEventsPerStream:0.##} per stream");
        }

        if (result.SendLag is { } lag)
        {
            Line(text, $"  send lag   {Figures(lag)}{(result.Unsent > 0 ? $"; {result.Unsent} never sent" : "")}");
        }

        return text.ToString();
    }

    private static string Figures(LatencySummary s) => string.Create(CultureInfo.InvariantCulture,
        $"µs: p50 {s.P50Us:0.0}  p90 {s.P90Us:0.0}  p99 {s.P99Us:0.0}  p99.9 {s.P999Us:0.0}  max {s.MaxUs:0.0}  mean {s.MeanUs:0.0}  min {s.MinUs:0.0}");

    private static string Kinds(LoadResult result)
    {
        if (result.ErrorKinds.Count == 0)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var (kind, count) in result.ErrorKinds)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{kind}={count}"));
        }

        return " (" + string.Join(", ", parts) + ")";
    }

    private static void Line(StringBuilder text, FormattableString line) =>
        text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
