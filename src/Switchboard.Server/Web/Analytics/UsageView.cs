using Switchboard.Server.Usage.Analytics;

namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// What the analytics page shows: the report as the API would answer it for this user, its charts, names for the
/// groups' ids, and whether the user sees only their own usage (no <c>usage.read</c>). Immutable.
/// </summary>
internal sealed record UsageView(AnalyticsReport Report, IReadOnlyList<UsageChart> Charts, IReadOnlyDictionary<string, string> Names, bool OwnUsageOnly,
    DateTimeOffset ReadAt);
