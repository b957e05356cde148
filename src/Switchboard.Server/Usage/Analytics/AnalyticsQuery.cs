using System.Globalization;

namespace Switchboard.Server.Usage.Analytics;

/// <summary>
/// A parsed <c>GET /api/v1/analytics</c> query: the time range (<c>from</c> inclusive, <c>to</c> exclusive, UTC),
/// the bucket (<c>hour</c> or <c>day</c>), an optional <c>group_by</c> and filters. Immutable.
/// </summary>
internal sealed record AnalyticsQuery
{
    public const int MaxBuckets = 24 * 400;

    public static readonly IReadOnlyList<string> GroupByValues = ["model", "user", "team", "key", "deployment"];

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary><c>hour</c> or <c>day</c>.</summary>
    public required string Interval { get; init; }

    public string? GroupBy { get; init; }

    /// <summary>Tenant id the rows are limited to (the caller's own for tenant keys); null: all tenants (admin).</summary>
    public string? Tenant { get; init; }

    /// <summary>Key id the rows are limited to (keys without a tenant see only their own usage).</summary>
    public string? Key { get; init; }

    public string? Model { get; init; }

    public string? Deployment { get; init; }

    public string? User { get; init; }

    public string? Team { get; init; }

    /// <summary><c>api</c> or <c>internal</c>; null for both.</summary>
    public string? Source { get; init; }

    public bool Csv { get; init; }

    /// <summary>Hours per bucket.</summary>
    public int BucketHours => Interval == "day" ? 24 : 1;

    /// <summary>
    /// Reads the query string; the problem (for a 400) when a value is invalid. Without <c>from</c>/<c>to</c> the range is
    /// the last 24 hours by hour (or the 30 days before <c>to</c> by day).
    /// </summary>
    public static (AnalyticsQuery? Query, string? Problem) Parse(IQueryCollection query, DateTimeOffset now)
    {
        string? Get(string name) => query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

        var interval = Get("interval") ?? "hour";
        if (interval is not ("hour" or "day"))
        {
            return (null, "interval must be 'hour' or 'day'.");
        }

        var to = now;
        if (Get("to") is { } toText && !TryParseTime(toText, out to))
        {
            return (null, "to must be an ISO 8601 time, e.g. 2026-11-24T00:00:00Z.");
        }

        var from = to - (interval == "day" ? TimeSpan.FromDays(30) : TimeSpan.FromDays(1));
        if (Get("from") is { } fromText && !TryParseTime(fromText, out from))
        {
            return (null, "from must be an ISO 8601 time, e.g. 2026-11-23T00:00:00Z.");
        }

        if (from >= to)
        {
            return (null, "from must be before to.");
        }

        if ((to - from).TotalHours / (interval == "day" ? 24 : 1) > MaxBuckets)
        {
            return (null, $"The range holds more than {MaxBuckets} {interval}s; narrow it or use interval=day.");
        }

        var groupBy = Get("group_by");
        if (groupBy is not null && !GroupByValues.Contains(groupBy))
        {
            return (null, $"group_by must be one of {string.Join(", ", GroupByValues)}.");
        }

        var format = Get("format") ?? "json";
        if (format is not ("json" or "csv"))
        {
            return (null, "format must be 'json' or 'csv'.");
        }

        var source = Get("source");
        if (source is not (null or "api" or "internal"))
        {
            return (null, "source must be 'api' or 'internal'.");
        }

        return (new AnalyticsQuery
        {
            From = from,
            To = to,
            Interval = interval,
            GroupBy = groupBy,
            Tenant = Get("tenant"),
            Key = Get("key"),
            Model = Get("model"),
            Deployment = Get("deployment"),
            User = Get("user"),
            Team = Get("team"),
            Source = source,
            Csv = format == "csv",
        }, null);
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
