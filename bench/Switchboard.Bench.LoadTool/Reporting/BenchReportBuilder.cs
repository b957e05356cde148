using System.Globalization;
using System.Text.Json;
using Switchboard.Bench.LoadTool.Results;

namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>
/// Builds a <see cref="BenchReport"/> from a run directory written by <c>bench/run-gateway-bench.sh</c>:
/// <c>{target}-latency.json</c>, <c>-rps.json</c>, <c>-wrk.txt</c>, <c>-sse1.json</c>, <c>-sseN.json</c> for
/// each target, <c>rss.tsv</c> and <c>settings.txt</c> (<c>key=value</c> lines). Missing files are tolerated.
/// </summary>
internal static class BenchReportBuilder
{
    public const string Direct = "direct";
    public const string Nginx = "nginx";
    public const string Switchboard = "switchboard";

    // The targets from the issue, for this 2-core machine.
    private const double AddedP50LimitUs = 100;
    private const double AddedP99LimitUs = 1_000;
    private const double RpsRatioLimit = 0.5;
    private const double AddedTtftP99LimitUs = 1_000;
    private const double SteadyRssLimitMb = 150;

    public static BenchReport Build(DirectoryInfo directory, DateTimeOffset now)
    {
        var targets = new List<TargetFigures>();
        foreach (var name in (string[])[Direct, Nginx, Switchboard])
        {
            targets.Add(new TargetFigures(
                name,
                ReadLoad(directory, $"{name}-latency.json"),
                ReadLoad(directory, $"{name}-rps.json"),
                ReadWrk(directory, $"{name}-wrk.txt"),
                ReadLoad(directory, $"{name}-sse1.json"),
                FindConcurrentStreams(directory, name)));
        }

        var rss = RssFigures.Read(Path.Combine(directory.FullName, "rss.tsv"));
        return new BenchReport(now, ReadSettings(directory), targets, rss, Check(targets[0], targets[1], targets[2], rss));
    }

    private static List<TargetCheck> Check(TargetFigures direct, TargetFigures nginx, TargetFigures switchboard, RssFigures? rss)
    {
        var addedP50 = Added(switchboard.Latency?.Latency.P50Us, direct.Latency?.Latency.P50Us);
        var addedP99 = Added(switchboard.Latency?.Latency.P99Us, direct.Latency?.Latency.P99Us);
        var rpsRatio = Ratio(switchboard.Throughput?.RequestsPerSecond, nginx.Throughput?.RequestsPerSecond);
        var wrkRatio = Ratio(switchboard.Wrk?.RequestsPerSecond, nginx.Wrk?.RequestsPerSecond);
        var ttft1 = Added(switchboard.Stream?.TimeToFirstToken?.P99Us, direct.Stream?.TimeToFirstToken?.P99Us);
        var ttftN = Added(switchboard.ConcurrentStreams?.TimeToFirstToken?.P99Us, direct.ConcurrentStreams?.TimeToFirstToken?.P99Us);
        var streams = switchboard.ConcurrentStreams?.Connections ?? direct.ConcurrentStreams?.Connections ?? 0;
        var errors = (switchboard.Latency?.Errors ?? 0) + (switchboard.Throughput?.Errors ?? 0) + (switchboard.Stream?.Errors ?? 0)
                     + (switchboard.ConcurrentStreams?.Errors ?? 0) + (switchboard.Wrk is { } w ? w.Non2xx + w.SocketErrors : 0);
        return
        [
            AtMost("Added p50 latency, 1 connection", Signed(addedP50, "µs"), addedP50, AddedP50LimitUs, "µs"),
            AtMost("Added p99 latency, 1 connection", Signed(addedP99, "µs"), addedP99, AddedP99LimitUs, "µs"),
            AtLeast("Max RPS at 64 connections vs nginx (load tool)", rpsRatio, RpsRatioLimit),
            AtLeast("Max RPS at 64 connections vs nginx (wrk, cross-check)", wrkRatio, RpsRatioLimit),
            AtMost("Added TTFT p99, 1 stream", WithSamples(ttft1, switchboard.Stream), ttft1, AddedTtftP99LimitUs, "µs"),
            AtMost(Format($"Added TTFT p99, {streams} concurrent streams"), WithSamples(ttftN, switchboard.ConcurrentStreams), ttftN,
                AddedTtftP99LimitUs, "µs"),
            AtMost("Steady RSS", rss is null ? "—" : Format($"{rss.SteadyMb:0.0} MB"), rss?.SteadyMb, SteadyRssLimitMb, "MB"),
            new("Errors in Switchboard runs", Format($"{errors}"), "0", errors == 0 ? "PASS" : "MISS"),
        ];
    }

    internal static double? Added(double? target, double? baseline) => target - baseline;

    internal static double? Ratio(double? value, double? baseline) => baseline is > 0 ? value / baseline : null;

    private static TargetCheck AtMost(string name, string figure, double? value, double limit, string unit) =>
        new(name, figure, Format($"≤ {limit:0.#} {unit}"), value is null ? "n/a" : value <= limit ? "PASS" : "MISS");

    private static string Signed(double? value, string unit) => value is { } v ? Format($"{v:+0.0;-0.0;0.0} {unit}") : "—";

    // A p99 over a handful of streams is their maximum: the sample count says how far to trust it.
    private static string WithSamples(double? value, LoadResult? result) =>
        value is null ? "—" : Format($"{Signed(value, "µs")} (n = {result?.TimeToFirstToken?.Count ?? 0})");

    private static TargetCheck AtLeast(string name, double? ratio, double limit) =>
        new(name, ratio is { } r ? Format($"{r * 100:0.0} % of nginx") : "—", Format($"≥ {limit * 100:0} %"),
            ratio is null ? "n/a" : ratio >= limit ? "PASS" : "MISS");

    private static LoadResult? ReadLoad(DirectoryInfo directory, string file)
    {
        var path = Path.Combine(directory.FullName, file);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), BenchJsonContext.Default.LoadResult) : null;
    }

    private static WrkResult? ReadWrk(DirectoryInfo directory, string file)
    {
        var path = Path.Combine(directory.FullName, file);
        return File.Exists(path) ? WrkOutputParser.Parse(File.ReadAllText(path)) : null;
    }

    // The concurrent SSE phase is named after its stream count (sse20.json by default).
    private static LoadResult? FindConcurrentStreams(DirectoryInfo directory, string target)
    {
        foreach (var file in directory.EnumerateFiles($"{target}-sse*.json"))
        {
            if (file.Name != $"{target}-sse1.json")
            {
                return ReadLoad(directory, file.Name);
            }
        }

        return null;
    }

    private static List<BenchSetting> ReadSettings(DirectoryInfo directory)
    {
        var settings = new List<BenchSetting>();
        var path = Path.Combine(directory.FullName, "settings.txt");
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    settings.Add(new BenchSetting(line[..equals].Trim(), line[(equals + 1)..].Trim()));
                }
            }
        }

        return settings;
    }

    internal static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
