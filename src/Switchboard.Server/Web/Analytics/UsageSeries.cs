namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// One line of a chart: a group's value in every bucket (null where there is nothing to plot, such as a latency without
/// requests). <see cref="Group"/> is the group's id as the ledger has it (null: no grouping, or rows without one);
/// <see cref="IsOther"/> marks the line that sums the groups beyond the largest ones. Immutable; public because the chart component's parameters must be.
/// </summary>
public sealed record UsageSeries(string? Group, IReadOnlyList<double?> Values, bool IsOther = false)
{
    /// <summary>The sum of the values (meaningful for counts, tokens and cost).</summary>
    public double Sum => Values.Sum(v => v ?? 0);

    /// <summary>A stable key for the page and its tests: the group, <c>*</c> for the others, empty for no group.</summary>
    public string Key => IsOther ? "*" : Group ?? "";
}
