namespace Switchboard.Server.Web.Analytics;

/// <summary>What one chart of the analytics page plots over time. Public because the chart component's parameters must be.</summary>
public enum UsageMetric
{
    Requests,
    TokensIn,
    TokensOut,

    /// <summary>Cost in one currency (one chart per currency the period has).</summary>
    Cost,
    LatencyP50,
    LatencyP95,
    ErrorRate,
}
