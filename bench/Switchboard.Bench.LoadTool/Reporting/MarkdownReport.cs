using System.Text;
using Switchboard.Bench.LoadTool.Results;
using static Switchboard.Bench.LoadTool.Reporting.BenchReportBuilder;

namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>Renders a <see cref="BenchReport"/> as Markdown tables: absolute figures per target, added figures, verdicts.</summary>
internal static class MarkdownReport
{
    public static string Render(BenchReport report)
    {
        var direct = report.Targets[0];
        var nginx = report.Targets[1];
        var switchboard = report.Targets[2];
        var md = new StringBuilder();
        md.Append(Format($"# Gateway benchmark, {report.GeneratedAtUtc:yyyy-MM-dd HH:mm} UTC\n\n"));
        foreach (var setting in report.Settings)
        {
            md.Append(Format($"- {setting.Name}: {setting.Value}\n"));
        }

        md.Append("\n## Targets\n\n| target | figure | limit | result |\n|---|---|---|---|\n");
        foreach (var check in report.Checks)
        {
            md.Append(Format($"| {check.Name} | {check.Figure} | {check.Limit} | **{check.Result}** |\n"));
        }

        md.Append("\n## Latency at 1 connection (closed loop, non-streamed; µs)\n\n");
        AddedTable(md, direct, nginx, switchboard, t => t.Latency, [
            ("p50", r => r.Latency.P50Us), ("p90", r => r.Latency.P90Us), ("p99", r => r.Latency.P99Us),
            ("p99.9", r => r.Latency.P999Us), ("mean", r => r.Latency.MeanUs), ("max", r => r.Latency.MaxUs)]);
        CountRows(md, [direct, nginx, switchboard], t => t.Latency);

        md.Append("\n## Throughput at 64 connections (closed loop, non-streamed)\n\n");
        md.Append("| | direct | nginx | switchboard | switchboard / nginx |\n|---|---|---|---|---|\n");
        RatioRow(md, "requests/s (load tool)", direct.Throughput?.RequestsPerSecond, nginx.Throughput?.RequestsPerSecond, switchboard.Throughput?.RequestsPerSecond);
        RatioRow(md, "requests/s (wrk -t2 -c64)", direct.Wrk?.RequestsPerSecond, nginx.Wrk?.RequestsPerSecond, switchboard.Wrk?.RequestsPerSecond);
        Row(md, "p50 µs (load tool)", [direct.Throughput?.Latency.P50Us, nginx.Throughput?.Latency.P50Us, switchboard.Throughput?.Latency.P50Us], 1);
        Row(md, "p99 µs (load tool)", [direct.Throughput?.Latency.P99Us, nginx.Throughput?.Latency.P99Us, switchboard.Throughput?.Latency.P99Us], 1);
        Row(md, "p50 µs (wrk)", [direct.Wrk?.P50Us, nginx.Wrk?.P50Us, switchboard.Wrk?.P50Us], 1);
        Row(md, "p99 µs (wrk)", [direct.Wrk?.P99Us, nginx.Wrk?.P99Us, switchboard.Wrk?.P99Us], 1);
        md.Append(Format($"| errors (load tool / wrk) | {Errors(direct)} | {Errors(nginx)} | {Errors(switchboard)} | |\n"));

        var streams = switchboard.ConcurrentStreams?.Connections ?? nginx.ConcurrentStreams?.Connections ?? direct.ConcurrentStreams?.Connections ?? 0;
        md.Append("\n## Streaming (SSE: 64 chunks 20 ms apart; TTFT = first data: event; µs)\n\n");
        AddedTable(md, direct, nginx, switchboard, t => t.Stream, [
            ("TTFT p50, 1 stream", r => r.TimeToFirstToken?.P50Us), ("TTFT p99, 1 stream", r => r.TimeToFirstToken?.P99Us),
            ("TTFT max, 1 stream", r => r.TimeToFirstToken?.MaxUs), ("whole stream p50, 1 stream", r => r.Latency.P50Us)]);
        AddedRows(md, direct, nginx, switchboard, t => t.ConcurrentStreams, [
            (Format($"TTFT p50, {streams} streams"), r => r.TimeToFirstToken?.P50Us), (Format($"TTFT p99, {streams} streams"), r => r.TimeToFirstToken?.P99Us),
            (Format($"TTFT max, {streams} streams"), r => r.TimeToFirstToken?.MaxUs), (Format($"whole stream p99, {streams} streams"), r => r.Latency.P99Us)]);
        Row(md, "events per stream", [direct.Stream?.MeanEventsPerStream, nginx.Stream?.MeanEventsPerStream, switchboard.Stream?.MeanEventsPerStream], 2);
        md.Append(Format($"| streams ok / errors | {Streams(direct)} | {Streams(nginx)} | {Streams(switchboard)} | | |\n"));

        if (report.SwitchboardRss is { } rss)
        {
            md.Append("\n## Switchboard memory (VmRSS, sampled every second)\n\n");
            md.Append(Format($"- after start-up: {rss.FirstMb:0.0} MB\n- steady (median of phase `{rss.SteadyPhase}`): {rss.SteadyMb:0.0} MB\n"));
            md.Append(Format($"- peak over the run: {rss.PeakMb:0.0} MB ({rss.Samples} samples)\n"));
        }

        return md.ToString();
    }

    private static void AddedTable(StringBuilder md, TargetFigures direct, TargetFigures nginx, TargetFigures switchboard,
        Func<TargetFigures, LoadResult?> phase, (string Label, Func<LoadResult, double?> Value)[] rows)
    {
        md.Append("| | direct | nginx | switchboard | nginx added | switchboard added |\n|---|---|---|---|---|---|\n");
        AddedRows(md, direct, nginx, switchboard, phase, rows);
    }

    private static void AddedRows(StringBuilder md, TargetFigures direct, TargetFigures nginx, TargetFigures switchboard,
        Func<TargetFigures, LoadResult?> phase, (string Label, Func<LoadResult, double?> Value)[] rows)
    {
        foreach (var (label, value) in rows)
        {
            var d = phase(direct) is { } rd ? value(rd) : null;
            var n = phase(nginx) is { } rn ? value(rn) : null;
            var s = phase(switchboard) is { } rs ? value(rs) : null;
            md.Append(Format($"| {label} | {Number(d)} | {Number(n)} | {Number(s)} | {Signed(Added(n, d))} | {Signed(Added(s, d))} |\n"));
        }
    }

    private static void CountRows(StringBuilder md, TargetFigures[] targets, Func<TargetFigures, LoadResult?> phase)
    {
        md.Append("| requests/s | ");
        foreach (var target in targets)
        {
            md.Append(Number(phase(target)?.RequestsPerSecond)).Append(" | ");
        }

        md.Append("| |\n| errors | ");
        foreach (var target in targets)
        {
            md.Append(phase(target) is { } r ? Format($"{r.Errors}") : "—").Append(" | ");
        }

        md.Append("| |\n");
    }

    private static void RatioRow(StringBuilder md, string label, double? direct, double? nginx, double? switchboard) =>
        md.Append(Format($"| {label} | {Number(direct)} | {Number(nginx)} | {Number(switchboard)} | {Percent(Ratio(switchboard, nginx))} |\n"));

    private static void Row(StringBuilder md, string label, double?[] values, int emptyCells)
    {
        md.Append(Format($"| {label} | {Number(values[0])} | {Number(values[1])} | {Number(values[2])} |"));
        md.Insert(md.Length, " |", emptyCells).Append('\n');
    }

    private static string Errors(TargetFigures target) =>
        Format($"{(target.Throughput is { } r ? Format($"{r.Errors}") : "—")} / {(target.Wrk is { } w ? Format($"{w.Non2xx + w.SocketErrors}") : "—")}");

    private static string Streams(TargetFigures target) =>
        Format($"{Ok(target.Stream)} + {Ok(target.ConcurrentStreams)}");

    private static string Ok(LoadResult? result) => result is null ? "—" : Format($"{result.Requests} / {result.Errors}");

    private static string Number(double? value) => value is { } v ? Format($"{v:0.0}") : "—";

    private static string Signed(double? value) => value is { } v ? Format($"{v:+0.0;-0.0;0.0}") : "—";

    private static string Percent(double? value) => value is { } v ? Format($"{v * 100:0.0} %") : "—";
}
