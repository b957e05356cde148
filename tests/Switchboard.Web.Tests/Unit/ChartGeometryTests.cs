using Switchboard.Server.Web.Analytics;

namespace Switchboard.Web.Tests.Unit;

public sealed class ChartGeometryTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 20)]
    [InlineData(230, 250)]
    [InlineData(0.3, 0.5)]
    [InlineData(0.0004, 0.0005)]
    public void NiceMax_RoundsUpToOneTwoTwoAndAHalfOrFive(double max, double expected) =>
        Assert.Equal(expected, ChartGeometry.NiceMax(max), 12);

    [Fact]
    public void Path_RunsThroughTheValues_AndBreaksAtGaps()
    {
        var path = ChartGeometry.Path([0, 5, null, 10, 10], top: 10, width: 400, height: 100);

        // Buckets 100 apart; 0 at the bottom (y = 100), the top value at y = 0; a new piece after the gap.
        Assert.Equal("M0 100 L100 50 M300 0 L400 0", path);
    }

    [Fact]
    public void Path_DrawsALonePointAsADot_AndNothingWithoutValues()
    {
        Assert.Equal("M50 50 h0", ChartGeometry.Path([5], top: 10, width: 100, height: 100));
        Assert.Equal("M0 100 h0 M100 0 h0", ChartGeometry.Path([0, null, 10], top: 10, width: 100, height: 100));
        Assert.Equal("", ChartGeometry.Path([null, null], top: 10, width: 100, height: 100));
    }
}
