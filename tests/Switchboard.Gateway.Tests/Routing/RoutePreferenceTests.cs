using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Routing;

public sealed class RoutePreferenceTests
{
    [Theory]
    [InlineData(null, "", "None")]
    [InlineData(null, "cheapest", "Cheapest")]
    [InlineData("local-only", "", "LocalOnly")]
    [InlineData("local-only", "cheapest", "LocalOnly")]
    [InlineData("local-only", "prefer-local", "LocalOnly")]
    [InlineData("prefer-local", "", "PreferLocal")]
    [InlineData("prefer-local", "fastest", "Fastest")]
    [InlineData("garbled", "cheapest", "LocalOnly")]
    public void Combine_KeyLocalOnlyBinds_OtherwiseTheHeaderWins(string? key, string header, string expected)
    {
        Assert.True(RoutePreferences.TryParse(header, out var requested));

        Assert.Equal(expected, RoutePreferences.Combine(key, requested).ToString());
    }
}
