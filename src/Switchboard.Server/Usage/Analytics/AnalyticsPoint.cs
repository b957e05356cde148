namespace Switchboard.Server.Usage.Analytics;

/// <summary>One bucket of the series: its start, the group (null when not grouped) and its figures.</summary>
internal sealed record AnalyticsPoint(DateTimeOffset Bucket, string? Group, AnalyticsMetrics Metrics);
