namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// One chart of the analytics page: a metric (and, for cost, its currency) over the period's buckets, one series per
/// group, and the total the API reports for the whole selection (null when there is none, e.g. no latencies). Immutable;
/// public because the chart component's parameters must be.
/// </summary>
public sealed record UsageChart(UsageMetric Metric, string? Currency, IReadOnlyList<DateTimeOffset> Buckets, IReadOnlyList<UsageSeries> Series, double? Total)
{
    /// <summary>The chart's id on the page: <c>requests</c>, <c>tokens-in</c>, <c>cost-rub</c>, <c>latency-p95</c>…</summary>
    public string Id => Metric switch
    {
        UsageMetric.Requests => "requests",
        UsageMetric.TokensIn => "tokens-in",
        UsageMetric.TokensOut => "tokens-out",
        UsageMetric.Cost => "cost-" + Currency!.ToLowerInvariant(),
        UsageMetric.LatencyP50 => "latency-p50",
        UsageMetric.LatencyP95 => "latency-p95",
        _ => "error-rate",
    };

    /// <summary>The largest value plotted (0 for an empty chart).</summary>
    public double Max => Series.SelectMany(s => s.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max();
}
