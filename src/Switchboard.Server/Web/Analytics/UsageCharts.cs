using Switchboard.Server.Usage.Analytics;

namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// Shapes an analytics report into the page's charts: every bucket of the period gets a value (0 for counts, tokens and
/// cost where the ledger has no row; a gap for latency and error rate, which do not exist without requests), the
/// groups with the most requests get a line each and the rest share one "others" line (summed; its latency is unknown,
/// so it has none). Without a grouping there is one line. A cost chart has lines only for groups with a cost in its
/// currency. Stateless.
/// </summary>
internal static class UsageCharts
{
    /// <summary>Lines per chart at most, "others" included, so a chart stays readable.</summary>
    public const int MaxSeries = 7;

    public static IReadOnlyList<UsageChart> Build(AnalyticsReport report, IReadOnlyList<DateTimeOffset> buckets)
    {
        var grouped = report.Query.GroupBy is not null;
        var byGroup = report.Series.GroupBy(p => p.Group).ToDictionary(g => g.Key ?? "", g => g.ToDictionary(p => p.Bucket, p => p.Metrics));
        var ranked = report.Series.GroupBy(p => p.Group)
            .Select(g => (Group: g.Key, Requests: g.Sum(p => p.Metrics.Requests)))
            .OrderByDescending(g => g.Requests).ThenBy(g => g.Group, StringComparer.Ordinal)
            .Select(g => g.Group).ToList();
        if (!grouped && ranked.Count == 0)
        {
            // An empty period still draws its (flat) line.
            ranked.Add(null);
        }

        var shown = ranked.Count <= MaxSeries ? ranked : ranked.Take(MaxSeries - 1).ToList();
        var others = ranked.Skip(shown.Count).ToList();
        var lines = shown.Select(g => (Group: g, Other: false, Points: PointsOf(g))).ToList();
        if (others.Count > 0)
        {
            var otherPoints = others.Select(PointsOf).ToList();
            lines.Add((null, true, [.. buckets.Select((_, i) => Merge(otherPoints.Select(points => points[i])))]));
        }

        var totals = report.Totals;
        var charts = new List<UsageChart>
        {
            Chart(UsageMetric.Requests, null, m => m?.Requests ?? 0, totals.Requests),
            Chart(UsageMetric.TokensIn, null, m => m?.TokensIn ?? 0, totals.TokensIn),
            Chart(UsageMetric.TokensOut, null, m => m?.TokensOut ?? 0, totals.TokensOut),
        };
        charts.AddRange(report.Currencies.Select(currency =>
            Chart(UsageMetric.Cost, currency, m => (double)(m?.Cost.GetValueOrDefault(currency) ?? 0), (double)totals.Cost[currency])));
        charts.Add(Chart(UsageMetric.LatencyP50, null, m => m?.LatencyP50Ms, totals.LatencyP50Ms));
        charts.Add(Chart(UsageMetric.LatencyP95, null, m => m?.LatencyP95Ms, totals.LatencyP95Ms));
        charts.Add(Chart(UsageMetric.ErrorRate, null, m => m is { Requests: > 0 } ? m.ErrorRate : null, totals.Requests > 0 ? totals.ErrorRate : null));
        return charts;

        IReadOnlyList<AnalyticsMetrics?> PointsOf(string? group)
        {
            var points = byGroup.GetValueOrDefault(group ?? "");
            return [.. buckets.Select(b => points?.GetValueOrDefault(b))];
        }

        UsageChart Chart(UsageMetric metric, string? currency, Func<AnalyticsMetrics?, double?> value, double? total)
        {
            var series = lines.Select(l => new UsageSeries(l.Group, [.. l.Points.Select(value)], l.Other))
                // A line with nothing to plot (the others' latency), or a cost line of groups that cost nothing in this
                // currency (unpriced models, another currency), is left out rather than drawn along the bottom.
                .Where(s => s.Values.Any(v => v is not null) && (metric != UsageMetric.Cost || s.Sum > 0)).ToList();
            return new UsageChart(metric, currency, buckets, series, total);
        }
    }

    /// <summary>The groups' figures of one bucket added up; null when none of them has any.</summary>
    private static AnalyticsMetrics? Merge(IEnumerable<AnalyticsMetrics?> points)
    {
        var present = points.OfType<AnalyticsMetrics>().ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var cost = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (currency, amount) in present.SelectMany(p => p.Cost))
        {
            cost[currency] = cost.GetValueOrDefault(currency) + amount;
        }

        // Percentiles of different groups cannot be combined, so the merged point has none.
        return new AnalyticsMetrics
        {
            Requests = present.Sum(p => p.Requests),
            Errors = present.Sum(p => p.Errors),
            TokensIn = present.Sum(p => p.TokensIn),
            TokensOut = present.Sum(p => p.TokensOut),
            Cost = cost,
        };
    }
}
