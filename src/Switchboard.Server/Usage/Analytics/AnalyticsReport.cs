namespace Switchboard.Server.Usage.Analytics;

/// <summary>What <c>GET /api/v1/analytics</c> answers: totals, a time series (per group when grouped) and a per-group breakdown.</summary>
internal sealed record AnalyticsReport(AnalyticsQuery Query, AnalyticsMetrics Totals, IReadOnlyList<AnalyticsPoint> Series,
    IReadOnlyList<AnalyticsGroup> Breakdown)
{
    /// <summary>Every currency some cost is in, sorted (the CSV's cost columns).</summary>
    public IReadOnlyList<string> Currencies => Totals.Cost.Keys.Order(StringComparer.Ordinal).ToList();
}
