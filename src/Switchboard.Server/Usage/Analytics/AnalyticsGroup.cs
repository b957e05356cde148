namespace Switchboard.Server.Usage.Analytics;

/// <summary>One group's figures over the whole range.</summary>
internal sealed record AnalyticsGroup(string? Group, AnalyticsMetrics Metrics);
