namespace Switchboard.Server.Usage.Analytics;

/// <summary>
/// The figures of one series point, one breakdown row or the totals. Errors are requests answered with a status of
/// 400 or more (refusals by limits and budgets and client cancellations included). Cost is per currency.
/// </summary>
internal sealed record AnalyticsMetrics
{
    public long Requests { get; init; }

    public long Errors { get; init; }

    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    public long TokensIn { get; init; }

    public long TokensOut { get; init; }

    public IReadOnlyDictionary<string, decimal> Cost { get; init; } = new Dictionary<string, decimal>();

    public double? LatencyP50Ms { get; init; }

    public double? LatencyP95Ms { get; init; }

    /// <summary>Distinct users (callers without a user, such as service keys, are not counted).</summary>
    public long ActiveUsers { get; init; }

    /// <summary>Distinct API keys.</summary>
    public long ActiveKeys { get; init; }
}
