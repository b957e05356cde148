namespace Switchboard.Server.Web.Analytics;

/// <summary>The analytics page's periods: the last 24 hours by hour, the last 7 or 30 days by day (UTC, today included).</summary>
internal enum UsageRange
{
    Day,
    Week,
    Month,
}
