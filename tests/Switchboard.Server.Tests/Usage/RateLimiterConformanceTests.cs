using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Limits;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// What every rate limiter must do, run against the in-process one and the Redis one (<see cref="InProcessRateLimiterTests"/>,
/// <see cref="RedisRateLimiterTests"/>): the same requests at the same (fake) times get the same answers.
/// </summary>
public abstract class RateLimiterConformanceTests
{
    private int _leases;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 3, 10, 12, 0, 0, 250, TimeSpan.Zero));

    internal abstract IRateLimiter Limiter { get; }

    [Fact]
    public async Task RequestsPerMinute_AdmitsUpToTheLimit_ThenRefusesUntilTheFirstLeavesTheWindow()
    {
        var key = Key(rpm: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await AcquireAsync(key)).Lease);
            Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var (lease, refusal) = await AcquireAsync(key);
        Assert.Null(lease);
        Assert.Equal((UsageScope.Key, "k1", LimitKind.RequestsPerMinute, 3L), (refusal!.Scope, refusal.Id, refusal.Kind, refusal.Limit));
        // The first request was made at 12:00:00.250 (second :00); it leaves the window at 12:01:00, 29.75 s from now.
        Assert.Equal(TimeSpan.FromMilliseconds(29_750), refusal.RetryAfter);

        Clock.Advance(TimeSpan.FromMilliseconds(29_750));
        Assert.NotNull((await AcquireAsync(key)).Lease);
        Assert.NotNull((await AcquireAsync(key)).Refusal);
    }

    [Fact]
    public async Task TokensPerMinute_ReservesTheEstimate_AndReleaseCorrectsItToActualUsage()
    {
        var key = Key(tpm: 1000);
        var (first, _) = await AcquireAsync(key, tokens: 800);
        Assert.NotNull(first);
        var (_, refused) = await AcquireAsync(key, tokens: 300);
        Assert.Equal(LimitKind.TokensPerMinute, refused!.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(59_750), refused.RetryAfter);

        Clock.Advance(TimeSpan.FromSeconds(1));
        await Limiter.ReleaseAsync(first!, actualTokens: 100, Clock.GetUtcNow(), default);
        Assert.NotNull((await AcquireAsync(key, tokens: 300)).Lease);
        Assert.NotNull((await AcquireAsync(key, tokens: 600)).Lease);
        Assert.NotNull((await AcquireAsync(key, tokens: 1)).Refusal);
    }

    [Fact]
    public async Task TokensPerMinute_RequestLargerThanTheLimit_IsRefusedWithoutRetryAfter()
    {
        var (lease, refusal) = await AcquireAsync(Key(tpm: 500), tokens: 501);
        Assert.Null(lease);
        Assert.Equal(LimitKind.TokensPerMinute, refusal!.Kind);
        Assert.Null(refusal.RetryAfter);
    }

    [Fact]
    public async Task ConcurrentRequests_AreLimited_AndAReleaseFreesASlot()
    {
        var key = Key(concurrent: 2);
        var (a, _) = await AcquireAsync(key);
        var (b, _) = await AcquireAsync(key);
        var (_, refusal) = await AcquireAsync(key);
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Equal(LimitKind.ConcurrentRequests, refusal!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), refusal.RetryAfter);

        await Limiter.ReleaseAsync(a!, 0, Clock.GetUtcNow(), default);
        Assert.NotNull((await AcquireAsync(key)).Lease);
    }

    [Fact]
    public async Task Scopes_AreAllOrNothing_AndTheRefusalNamesTheScopeThatIsFull()
    {
        ScopedLimit[] scopes = [Scope(UsageScope.Key, "k1", rpm: 5), Scope(UsageScope.Team, "t1", rpm: 2), Scope(UsageScope.Tenant, "acme", rpm: 100)];
        Assert.NotNull((await AcquireAsync(scopes)).Lease);
        Assert.NotNull((await AcquireAsync(scopes)).Lease);
        var (_, refusal) = await AcquireAsync(scopes);
        Assert.Equal((UsageScope.Team, "t1"), (refusal!.Scope, refusal.Id));

        // The key took nothing from the refused request: 3 of its 5 remain, on another team.
        ScopedLimit[] otherTeam = [Scope(UsageScope.Key, "k1", rpm: 5), Scope(UsageScope.Team, "t2", rpm: 10)];
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await AcquireAsync(otherTeam)).Lease);
        }

        Assert.Equal(UsageScope.Key, (await AcquireAsync(otherTeam)).Refusal!.Scope);
    }

    [Fact]
    public async Task InternalCalls_UseTokensButAreNotRequests()
    {
        ScopedLimit[] key = [Scope(UsageScope.Key, "k1", rpm: 1, tpm: 100, concurrent: 1)];
        Assert.NotNull((await AcquireAsync(key, tokens: 40, countsRequest: false)).Lease);
        Assert.NotNull((await AcquireAsync(key, tokens: 40, countsRequest: false)).Lease);
        Assert.NotNull((await AcquireAsync(key, tokens: 10)).Lease);
        Assert.Equal(LimitKind.TokensPerMinute, (await AcquireAsync(key, tokens: 20, countsRequest: false)).Refusal!.Kind);
    }

    [Fact]
    public async Task ManyAtOnce_AdmitExactlyTheLimit()
    {
        var key = Key(rpm: 50);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await AcquireAsync(key))));
        Assert.Equal(50, results.Count(r => r.Lease is not null));
        Assert.Equal(150, results.Count(r => r.Refusal is { Kind: LimitKind.RequestsPerMinute }));
    }

    private static ScopedLimit[] Key(int? rpm = null, int? tpm = null, int? concurrent = null) => [Scope(UsageScope.Key, "k1", rpm, tpm, concurrent)];

    private static ScopedLimit Scope(UsageScope scope, string id, int? rpm = null, int? tpm = null, int? concurrent = null) =>
        new(scope, id, new LimitSet(rpm, tpm, concurrent));

    private ValueTask<(RateLimitLease? Lease, RateLimitRefusal? Refusal)> AcquireAsync(ScopedLimit[] scopes, long tokens = 0, bool countsRequest = true) =>
        Limiter.AcquireAsync(new RateLimitRequest("acme", scopes, tokens, countsRequest, "lease-" + Interlocked.Increment(ref _leases)), Clock.GetUtcNow(), default);
}
