using Switchboard.Gateway.Routing;
using static Switchboard.Gateway.Tests.Routing.RoutingFixtures;

namespace Switchboard.Gateway.Tests.Routing;

public sealed class SelectionPolicyTests
{
    [Fact]
    public void Priority_KeepsConfigOrder()
    {
        Assert.Equal(["a", "b", "c"], Order("priority", Deployment("a"), Deployment("b"), Deployment("c")));
    }

    [Fact]
    public void RoundRobin_StartsOneFurtherEachTimeAndKeepsRotationForFailover()
    {
        var route = Route("round-robin", Deployment("a"), Deployment("b"), Deployment("c"));

        var orders = Enumerable.Range(0, 4).Select(_ => string.Join("", Order(route))).ToList();

        Assert.Equal(["abc", "bca", "cab", "abc"], orders);
    }

    [Fact]
    public void Weighted_DrawsFirstChoiceInProportionToWeight()
    {
        var route = Route("weighted", Deployment("heavy", weight: 3), Deployment("light", weight: 1), Deployment("never", weight: 0));
        var random = new Random(42);

        var firsts = Enumerable.Range(0, 4000).Select(_ => Order(route, random)[0]).ToList();

        var heavyShare = firsts.Count(f => f == "heavy") / 4000.0;
        Assert.InRange(heavyShare, 0.72, 0.78);
        Assert.DoesNotContain("never", firsts);
    }

    [Fact]
    public void LeastInFlight_FewestInProgressFirstTiesInConfigOrder()
    {
        var a = Deployment("a");
        var b = Deployment("b");
        var c = Deployment("c");
        a.State.Enter();
        a.State.Enter();
        c.State.Enter();

        Assert.Equal(["b", "c", "a"], Order("least-in-flight", a, b, c));
    }

    [Fact]
    public void PowerOfTwoChoices_NeverPicksTheBusierOfTwo()
    {
        var idle = Deployment("idle");
        var busy = Deployment("busy");
        for (var i = 0; i < 5; i++)
        {
            busy.State.Enter();
        }

        var route = Route("power-of-two-choices", busy, idle);

        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal("idle", Order(route, new Random(i))[0]));
    }

    [Fact]
    public void LowestLatency_UnmeasuredFirstThenFastest_UsingTtftForStreams()
    {
        var slow = Deployment("slow");
        var fast = Deployment("fast");
        var fresh = Deployment("fresh");
        slow.State.RecordLatency(900);
        slow.State.RecordTimeToFirstToken(50);
        fast.State.RecordLatency(300);
        fast.State.RecordTimeToFirstToken(200);

        Assert.Equal(["fresh", "fast", "slow"], Order(Route("lowest-latency", slow, fast, fresh)));
        Assert.Equal(["fresh", "slow", "fast"], Order(Route("lowest-latency", slow, fast, fresh), stream: true));
    }

    [Fact]
    public void CostAware_CheapestFirstUnpricedLast()
    {
        Assert.Equal(["cheap", "mid", "unpriced"],
            Order("cost-aware", Deployment("unpriced"), Deployment("mid", price: 2m), Deployment("cheap", price: 0.1m)));
    }

    [Fact]
    public void DeploymentState_MovingAverageWeighsNewSamples()
    {
        var state = new DeploymentState();

        state.RecordLatency(100);
        state.RecordLatency(200);

        Assert.Equal(120, state.LatencyMs, precision: 6);
        Assert.True(double.IsNaN(state.TimeToFirstTokenMs));
    }

    private static string[] Order(string policy, params Deployment[] deployments) => Order(Route(policy, deployments));

    private static string[] Order(ModelRoute route, Random? random = null, bool stream = false)
    {
        var order = route.Deployments.ToArray();
        route.Policy.Order(order, new SelectionContext(route, stream, random ?? new Random(1)));
        return Names(order);
    }
}
