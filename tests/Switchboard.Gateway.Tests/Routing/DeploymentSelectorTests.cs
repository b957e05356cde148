using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;
using static Switchboard.Gateway.Tests.Routing.RoutingFixtures;

namespace Switchboard.Gateway.Tests.Routing;

public sealed class DeploymentSelectorTests
{
    private static readonly DeploymentSelector Selector = new(new Random(7));
    private static readonly HealthOptions Health = new();

    [Fact]
    public void LocalOnly_NeverIncludesCloudDeployments()
    {
        var route = Route("cost-aware", Deployment("cloud-cheap", price: 0.01m), Deployment("local-a", local: true, price: 5m), Deployment("local-b", local: true));

        Assert.Null(Selector.SelectAttemptOrder(route, new RequestFeatures(), RoutePreference.LocalOnly, Health, out var order));

        Assert.Equal(["local-a", "local-b"], Names(order.ToArray()));
    }

    [Fact]
    public void LocalOnly_WithoutLocalDeployments_IsRefusedNamingWhy()
    {
        var route = Route("priority", Deployment("cloud"));

        var error = Selector.SelectAttemptOrder(route, new RequestFeatures(), RoutePreference.LocalOnly, Health, out var order);

        Assert.Equal(0, order.Count);
        Assert.Equal("no_eligible_deployment", error?.Code);
        Assert.Contains("cloud/cloud: not local", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreferLocal_PutsLocalFirstAndKeepsCloudAsFallback()
    {
        var route = Route("priority", Deployment("cloud-1"), Deployment("local-1", local: true), Deployment("cloud-2"), Deployment("local-2", local: true));

        Selector.SelectAttemptOrder(route, new RequestFeatures(), RoutePreference.PreferLocal, Health, out var order);

        Assert.Equal(["local-1", "local-2", "cloud-1", "cloud-2"], Names(order.ToArray()));
    }

    [Fact]
    public void CheapestAndFastest_OverrideTheAliasPolicy()
    {
        var pricey = Deployment("pricey", price: 10m);
        var cheap = Deployment("cheap", price: 1m);
        pricey.State.RecordLatency(10);
        cheap.State.RecordLatency(500);
        var route = Route("priority", pricey, cheap);

        Selector.SelectAttemptOrder(route, new RequestFeatures(), RoutePreference.Cheapest, Health, out var cheapest);
        Selector.SelectAttemptOrder(route, new RequestFeatures(), RoutePreference.Fastest, Health, out var fastest);

        Assert.Equal("cheap", cheapest[0].UpstreamModel);
        Assert.Equal("pricey", fastest[0].UpstreamModel);
    }

    [Theory]
    [InlineData(true, false, false, "no-tools")]
    [InlineData(false, true, false, "no-json")]
    [InlineData(false, false, true, "no-vision")]
    public void RequestNeeds_SkipDeploymentsThatDeclareTheyCannot(bool tools, bool json, bool images, string excluded)
    {
        var route = Route("priority",
            Deployment("no-tools", capabilities: new CapabilitiesConfig { Tools = false }),
            Deployment("no-json", capabilities: new CapabilitiesConfig { Json = false }),
            Deployment("no-vision", capabilities: new CapabilitiesConfig { Vision = false }),
            Deployment("undeclared"));

        Selector.SelectAttemptOrder(route, new RequestFeatures { HasTools = tools, JsonMode = json, HasImages = images }, RoutePreference.None, Health, out var order);

        Assert.DoesNotContain(excluded, Names(order.ToArray()));
        Assert.Contains("undeclared", Names(order.ToArray()));
        Assert.Equal(3, order.Count);
    }

    [Fact]
    public void LongPrompt_SkipsSmallWindowsAndIsContextLengthExceededWhenNoneFits()
    {
        var route = Route("priority", Deployment("small", maxContext: 1000), Deployment("large", maxContext: 100_000));

        Selector.SelectAttemptOrder(route, new RequestFeatures { EstimatedPromptTokens = 5000 }, RoutePreference.None, Health, out var order);
        var error = Selector.SelectAttemptOrder(route, new RequestFeatures { EstimatedPromptTokens = 500_000 }, RoutePreference.None, Health, out _);

        Assert.Equal(["large"], Names(order.ToArray()));
        Assert.Equal("context_length_exceeded", error?.Code);
    }
}
