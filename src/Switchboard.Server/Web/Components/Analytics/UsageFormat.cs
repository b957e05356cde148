using System.Globalization;
using Switchboard.Server.Web.Analytics;

namespace Switchboard.Server.Web.Components.Analytics;

/// <summary>
/// How the analytics page writes figures: counts with thin-space thousands (readable in both languages, and the
/// server runs without culture data), money with two decimals (more below one unit), milliseconds, percentages; a dash
/// for nothing. Also the invariant form for data attributes.
/// </summary>
internal static class UsageFormat
{
    private static readonly NumberFormatInfo Numbers = new() { NumberGroupSeparator = "\u202F", NumberDecimalSeparator = "." };

    public static string Count(double? value) => value is { } v ? v.ToString("#,0", Numbers) : "—";

    public static string Money(double? value) => value switch
    {
        null => "—",
        0 => "0",
        < 1 => value.Value.ToString("0.######", Numbers),
        _ => value.Value.ToString("#,0.00", Numbers),
    };

    public static string Milliseconds(double? value) => value is { } v ? v.ToString("#,0", Numbers) + " ms" : "—";

    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", Numbers) + " %" : "—";

    /// <summary>The figure of <paramref name="metric"/> as the page shows it.</summary>
    public static string Of(UsageMetric metric, double? value) => metric switch
    {
        UsageMetric.Cost => Money(value),
        UsageMetric.LatencyP50 or UsageMetric.LatencyP95 => Milliseconds(value),
        UsageMetric.ErrorRate => Percent(value),
        _ => Count(value),
    };

    /// <summary>A value for a data attribute: invariant, round-trippable, empty for nothing.</summary>
    public static string Invariant(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A bucket's start on the axis: the hour for hourly buckets, the day for daily ones (UTC).</summary>
    public static string Bucket(DateTimeOffset bucket, bool hourly) =>
        bucket.UtcDateTime.ToString(hourly ? "HH:mm" : "dd.MM", CultureInfo.InvariantCulture);
}
