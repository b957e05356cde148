using Switchboard.Server.Web.Analytics;

namespace Switchboard.Web.Tests.Unit;

public sealed class UsageSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 42, 10, TimeSpan.Zero);

    [Theory]
    [InlineData("Day", "2026-11-23T16:00:00Z", "hour", 24)]
    [InlineData("Week", "2026-11-18T00:00:00Z", "day", 7)]
    [InlineData("Month", "2026-10-26T00:00:00Z", "day", 30)]
    public void ToQuery_StartsAtAWholeBucket_AndEndsNow(string range, string from, string interval, int buckets)
    {
        var query = new UsageSelection { Range = Enum.Parse<UsageRange>(range), GroupBy = "model", Source = "api" }.ToQuery(Now);

        Assert.Equal(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), query.From);
        Assert.Equal(Now, query.To);
        Assert.Equal(interval, query.Interval);
        Assert.Equal(("model", "api"), (query.GroupBy, query.Source));
        Assert.Equal(buckets, UsageSelection.Buckets(query).Count);
        Assert.True(UsageSelection.Buckets(query)[^1] <= Now);
    }
}
