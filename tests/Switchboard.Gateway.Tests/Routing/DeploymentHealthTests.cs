using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Health;
using static Switchboard.Gateway.Tests.Routing.RoutingFixtures;

namespace Switchboard.Gateway.Tests.Routing;

public sealed class DeploymentHealthTests
{
    private static readonly HealthOptions Options = new() { MinimumAttempts = 10, FailureRateThreshold = 0.5, WindowSeconds = 30, BreakSeconds = 30 };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FailureRateAtThreshold_OpensTheCircuit()
    {
        var health = new DeploymentHealth(_time);

        Report(health, successes: 5, failures: 4);
        Assert.True(health.TryAdmit(Options));
        Report(health, successes: 0, failures: 1);

        Assert.False(health.TryAdmit(Options));
        Assert.Equal(HealthState.Unhealthy, health.GetState(Options));
    }

    [Fact]
    public void FailureRate_IsTheShareOfFailedAttemptsInTheWindow()
    {
        var health = new DeploymentHealth(_time);
        Assert.Null(health.FailureRate(Options));

        Report(health, successes: 3, failures: 1);
        Assert.Equal(0.25, health.FailureRate(Options));

        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(health.FailureRate(Options));
    }

    [Fact]
    public void FewAttempts_NeverOpenTheCircuit()
    {
        var health = new DeploymentHealth(_time);

        Report(health, successes: 0, failures: 9);

        Assert.True(health.TryAdmit(Options));
        Assert.Equal(HealthState.Healthy, health.GetState(Options));
    }

    [Fact]
    public void FailuresOlderThanTheWindow_AreForgotten()
    {
        var health = new DeploymentHealth(_time);
        Report(health, successes: 0, failures: 9);

        _time.Advance(TimeSpan.FromSeconds(40));
        Report(health, successes: 0, failures: 1);

        Assert.True(health.TryAdmit(Options));
    }

    [Fact]
    public void AfterTheBreak_OneProbeIsAdmittedAndItsSuccessClosesTheCircuit()
    {
        var health = new DeploymentHealth(_time);
        Report(health, successes: 0, failures: 10);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.True(health.TryAdmit(Options));
        Assert.False(health.TryAdmit(Options)); // one probe at a time
        health.Report(AttemptResult.Success, Options);

        Assert.True(health.TryAdmit(Options));
        Assert.True(health.TryAdmit(Options));
        Assert.Equal(HealthState.Healthy, health.GetState(Options));
    }

    [Fact]
    public void FailedProbe_KeepsTheCircuitOpenForAnotherBreak()
    {
        var health = new DeploymentHealth(_time);
        Report(health, successes: 0, failures: 10);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(health.TryAdmit(Options));

        health.Report(AttemptResult.Failure, Options);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(health.TryAdmit(Options));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(health.TryAdmit(Options));
    }

    [Fact]
    public void RateLimited_CoolsDownUntilRetryAfter()
    {
        var health = new DeploymentHealth(_time);

        health.Report(AttemptResult.RateLimited, Options, TimeSpan.FromSeconds(7));

        Assert.False(health.TryAdmit(Options));
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(health.TryAdmit(Options));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(health.TryAdmit(Options));
    }

    [Fact]
    public void RateLimitedWithoutRetryAfter_UsesTheDefaultCooldown()
    {
        var health = new DeploymentHealth(_time);

        health.Report(AttemptResult.RateLimited, Options with { DefaultCooldownSeconds = 3 });

        Assert.False(health.TryAdmit(Options));
        _time.Advance(TimeSpan.FromSeconds(3.5));
        Assert.True(health.TryAdmit(Options));
    }

    [Fact]
    public void SomeFailures_AreDegradedButInRotation()
    {
        var health = new DeploymentHealth(_time);

        Report(health, successes: 7, failures: 3);

        Assert.Equal(HealthState.Degraded, health.GetState(Options));
        Assert.True(health.TryAdmit(Options));
    }

    [Fact]
    public void Disabled_KeepsEverythingInRotation()
    {
        var health = new DeploymentHealth(_time);
        var disabled = Options with { Enabled = false };

        Report(health, successes: 0, failures: 50, disabled);
        health.Report(AttemptResult.RateLimited, disabled, TimeSpan.FromMinutes(5));

        Assert.True(health.TryAdmit(disabled));
    }

    [Fact]
    public void Selector_LeavesOutUnhealthyDeployments_ButTriesAllWhenNoneIsHealthy()
    {
        var broken = Deployment("broken");
        var fine = Deployment("fine");
        Report(broken.State.Health, successes: 0, failures: 10);
        var selector = new DeploymentSelector(new Random(1));

        selector.SelectAttemptOrder(Route("priority", broken, fine), new RequestFeatures(), RoutePreference.None, new HealthOptions(), out var order);
        selector.SelectAttemptOrder(Route("priority", broken), new RequestFeatures(), RoutePreference.None, new HealthOptions(), out var panic);

        Assert.Equal(["fine"], Names(order.ToArray()));
        Assert.Equal(["broken"], Names(panic.ToArray()));
    }

    private static void Report(DeploymentHealth health, int successes, int failures, HealthOptions? options = null)
    {
        for (var i = 0; i < successes; i++)
        {
            health.Report(AttemptResult.Success, options ?? Options);
        }

        for (var i = 0; i < failures; i++)
        {
            health.Report(AttemptResult.Failure, options ?? Options);
        }
    }
}
