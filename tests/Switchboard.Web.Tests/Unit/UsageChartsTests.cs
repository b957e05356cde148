using Switchboard.Server.Usage.Analytics;
using Switchboard.Server.Web.Analytics;

namespace Switchboard.Web.Tests.Unit;

public sealed class UsageChartsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] Buckets = [Start, Start.AddHours(1), Start.AddHours(2)];

    [Fact]
    public void Build_GivesEveryBucketAValue_ZeroForCounts_AndAGapForLatencyAndErrorRate()
    {
        var report = Report(null, Point(1, null, requests: 4, errors: 1, latency: 120));

        var charts = UsageCharts.Build(report, Buckets);

        var requests = Single(charts, UsageMetric.Requests);
        Assert.Equal(new double?[] { 0, 4, 0 }, requests.Values);
        Assert.Equal(new double?[] { null, 120, null }, Single(charts, UsageMetric.LatencyP50).Values);
        Assert.Equal(new double?[] { null, 0.25, null }, Single(charts, UsageMetric.ErrorRate).Values);
        Assert.Equal(4, charts.Single(c => c.Metric == UsageMetric.Requests).Total);
        Assert.Equal("", requests.Key);
    }

    [Fact]
    public void Build_WithoutRequests_DrawsAFlatLine_AndLeavesLatencyEmpty()
    {
        var charts = UsageCharts.Build(Report(null), Buckets);

        Assert.Equal(new double?[] { 0, 0, 0 }, Single(charts, UsageMetric.Requests).Values);
        Assert.Empty(charts.Single(c => c.Metric == UsageMetric.LatencyP95).Series);
        Assert.Null(charts.Single(c => c.Metric == UsageMetric.ErrorRate).Total);
    }

    [Fact]
    public void Build_Grouped_OrdersLinesByRequests_AndSumsTheRestIntoOthers()
    {
        var points = Enumerable.Range(0, UsageCharts.MaxSeries + 2)
            .Select(i => Point(0, "g" + i, requests: 100 - i, errors: 1, latency: 10)).ToArray();
        var charts = UsageCharts.Build(Report("model", points), Buckets);

        var requests = charts.Single(c => c.Metric == UsageMetric.Requests).Series;
        Assert.Equal(UsageCharts.MaxSeries, requests.Count);
        Assert.Equal(["g0", "g1", "g2", "g3", "g4", "g5", "*"], requests.Select(s => s.Key).ToArray());
        // g6, g7 and g8: 94 + 93 + 92 requests, 3 errors.
        Assert.Equal(new double?[] { 279, 0, 0 }, requests[^1].Values);
        Assert.Equal(3.0 / 279, charts.Single(c => c.Metric == UsageMetric.ErrorRate).Series[^1].Values[0]!.Value, 9);
        // The others' percentiles cannot be combined: no such line on the latency charts.
        Assert.DoesNotContain(charts.Single(c => c.Metric == UsageMetric.LatencyP50).Series, s => s.IsOther);
    }

    [Fact]
    public void Build_MakesOneCostChartPerCurrency_WithLinesOnlyForGroupsThatCostSomething()
    {
        var report = Report("model", Point(0, "chat", requests: 1, cost: ("RUB", 1.5m)), Point(2, "chat", requests: 1, cost: ("USD", 0.02m)),
            Point(1, "free", requests: 5));

        var charts = UsageCharts.Build(report, Buckets);

        var costs = charts.Where(c => c.Metric == UsageMetric.Cost).ToList();
        Assert.Equal(["cost-rub", "cost-usd"], costs.Select(c => c.Id).ToArray());
        Assert.Equal(new double?[] { 1.5, 0, 0 }, costs[0].Series.Single().Values);
        Assert.Equal(1.5, costs[0].Total);
        // "free" costs nothing in either currency: it has no line on the cost charts, only on the others.
        Assert.All(costs, c => Assert.DoesNotContain(c.Series, s => s.Group == "free"));
        Assert.Contains(charts.Single(c => c.Metric == UsageMetric.Requests).Series, s => s.Group == "free");
    }

    private static UsageSeries Single(IReadOnlyList<UsageChart> charts, UsageMetric metric) => charts.Single(c => c.Metric == metric).Series.Single();

    private static AnalyticsPoint Point(int bucket, string? group, long requests, long errors = 0, double? latency = null,
        (string Currency, decimal Amount)? cost = null) =>
        new(Buckets[bucket], group, new AnalyticsMetrics
        {
            Requests = requests,
            Errors = errors,
            LatencyP50Ms = latency,
            LatencyP95Ms = latency,
            Cost = cost is { } c ? new Dictionary<string, decimal> { [c.Currency] = c.Amount } : new Dictionary<string, decimal>(),
        });

    private static AnalyticsReport Report(string? groupBy, params AnalyticsPoint[] points)
    {
        var cost = new Dictionary<string, decimal>();
        foreach (var (currency, amount) in points.SelectMany(p => p.Metrics.Cost))
        {
            cost[currency] = cost.GetValueOrDefault(currency) + amount;
        }

        var totals = new AnalyticsMetrics
        {
            Requests = points.Sum(p => p.Metrics.Requests),
            Errors = points.Sum(p => p.Metrics.Errors),
            Cost = cost,
            LatencyP50Ms = points.Select(p => p.Metrics.LatencyP50Ms).Max(),
        };
        var query = new AnalyticsQuery { From = Buckets[0], To = Buckets[^1].AddHours(1), Interval = "hour", GroupBy = groupBy };
        return new AnalyticsReport(query, totals, points, []);
    }
}
