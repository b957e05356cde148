using Switchboard.Server.Usage.Analytics;

namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// What the analytics page asks for: a period, an optional grouping (<c>model</c>, <c>team</c>, <c>user</c>, <c>key</c>)
/// and filters — the same choices as <c>GET /api/v1/analytics</c>, before the caller's scope narrows them. Immutable.
/// </summary>
internal sealed record UsageSelection
{
    public UsageRange Range { get; init; } = UsageRange.Day;

    public string? GroupBy { get; init; }

    public string? Model { get; init; }

    public string? Team { get; init; }

    /// <summary><c>api</c>, <c>internal</c>, or null for both.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// The query for the period ending at <paramref name="now"/>: whole UTC hours (days) from the start of the first
    /// bucket, so every bucket but the current one is complete and the chart's points are evenly spaced.
    /// </summary>
    public AnalyticsQuery ToQuery(DateTimeOffset now)
    {
        var hour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var (from, interval) = Range switch
        {
            UsageRange.Week => (today.AddDays(-6), "day"),
            UsageRange.Month => (today.AddDays(-29), "day"),
            _ => (hour.AddHours(-23), "hour"),
        };
        return new AnalyticsQuery
        {
            From = from,
            To = now,
            Interval = interval,
            GroupBy = GroupBy,
            Model = Model,
            Team = Team,
            Source = Source,
        };
    }

    /// <summary>The start of every bucket of <paramref name="query"/>, oldest first (the chart's x axis).</summary>
    public static IReadOnlyList<DateTimeOffset> Buckets(AnalyticsQuery query)
    {
        var step = TimeSpan.FromHours(query.BucketHours);
        var buckets = new List<DateTimeOffset>();
        for (var bucket = query.From; bucket < query.To; bucket += step)
        {
            buckets.Add(bucket);
        }

        return buckets;
    }
}
