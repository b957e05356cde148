using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// What every budget store must do, run against the in-process one and the Redis one (<see cref="InProcessBudgetStoreTests"/>,
/// <see cref="RedisBudgetStoreTests"/>). Amounts are micro-units (1 000 000 = 1.00).
/// </summary>
public abstract class BudgetStoreConformanceTests
{
    private int _ids;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 3, 10, 23, 59, 0, TimeSpan.Zero));

    internal abstract IBudgetStore Store { get; }

    internal static BudgetRule Daily(string id = "k1", decimal limit = 1m, UsageScope scope = UsageScope.Key) => new(scope, id, BudgetPeriod.Day, limit, null, "USD");

    internal static BudgetRule Monthly(string id = "k1", decimal limit = 1m, UsageScope scope = UsageScope.Key) => new(scope, id, BudgetPeriod.Month, limit, null, "USD");

    [Fact]
    public async Task Reserve_CountsReservationsInProgress_AndRefusesWhatWouldExceedTheLimit()
    {
        var rule = Daily();
        var (a, _) = await ReserveAsync(Line(rule, 400_000));
        var (b, _) = await ReserveAsync(Line(rule, 400_000));
        var (c, refusal) = await ReserveAsync(Line(rule, 400_000));
        Assert.NotNull(a);
        Assert.Equal(new BudgetState(0, 800_000), b!.After[0]);
        Assert.Null(c);
        Assert.Equal(new BudgetState(0, 800_000), refusal!.State);
        Assert.Same(rule, refusal.Line.Rule);
    }

    [Fact]
    public async Task Settle_ReplacesTheReservationWithWhatTheRequestCost()
    {
        var rule = Daily();
        var (reservation, _) = await ReserveAsync(Line(rule, 900_000));
        await Store.SettleAsync(reservation!, [150_000], Clock.GetUtcNow(), default);
        Assert.Equal(new BudgetState(150_000, 0), await ReadAsync(rule));
        Assert.NotNull((await ReserveAsync(Line(rule, 850_000))).Reservation);
        Assert.NotNull((await ReserveAsync(Line(rule, 1))).Refusal);
    }

    [Fact]
    public async Task Reserve_IsAllOrNothingOverSeveralBudgets()
    {
        var key = Daily("k1", 10m);
        var team = Daily("t1", 1m, UsageScope.Team);
        Assert.NotNull((await ReserveAsync(Line(key, 600_000), Line(team, 600_000))).Reservation);
        var (_, refusal) = await ReserveAsync(Line(key, 600_000), Line(team, 600_000));
        Assert.Same(team, refusal!.Line.Rule);
        Assert.Equal(new BudgetState(0, 600_000), await ReadAsync(key));
    }

    [Fact]
    public async Task ManyAtOnce_NeverReserveMoreThanTheLimit()
    {
        var rule = Daily(limit: 1m);
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () => await ReserveAsync(Line(rule, 30_000)))));
        Assert.Equal(33, results.Count(r => r.Reservation is not null));
        Assert.Equal(new BudgetState(0, 990_000), await ReadAsync(rule));
    }

    [Fact]
    public async Task Windows_StartAfreshEachUtcDayAndMonth_AndASettlementGoesToItsOwnWindow()
    {
        var day = Daily();
        var month = Monthly(limit: 5m);
        var (late, _) = await ReserveAsync(Line(day, 900_000), Line(month, 900_000));
        Assert.NotNull(late);
        Clock.Advance(TimeSpan.FromMinutes(2)); // 2030-03-11 00:01: a new day, the same month

        var (next, refusal) = await ReserveAsync(Line(day, 900_000), Line(month, 900_000));
        Assert.NotNull(next);
        Assert.Null(refusal);
        Assert.Equal(new BudgetState(0, 1_800_000), await ReadAsync(month));

        await Store.SettleAsync(late!, [300_000, 300_000], Clock.GetUtcNow(), default);
        var yesterday = BudgetWindows.Start(BudgetPeriod.Day, Clock.GetUtcNow().AddDays(-1));
        Assert.Equal(new BudgetState(300_000, 0), await Store.ReadAsync("acme", day, yesterday, default));
        Assert.Equal(new BudgetState(0, 900_000), await ReadAsync(day));
        Assert.Equal(new BudgetState(300_000, 900_000), await ReadAsync(month));
    }

    [Fact]
    public async Task Seed_StartsAWindowFromTheLedger_OnlyWhenTheStoreDoesNotHaveItYet()
    {
        var rule = Daily();
        var start = BudgetWindows.Start(BudgetPeriod.Day, Clock.GetUtcNow());
        Assert.True(await Store.SeedAsync("acme", rule, start, 700_000, default));
        Assert.False(await Store.SeedAsync("acme", rule, start, 10, default));
        Assert.Equal(new BudgetState(700_000, 0), await ReadAsync(rule));
        Assert.NotNull((await ReserveAsync(Line(rule, 400_000))).Refusal);

        var other = Daily("k2");
        Assert.NotNull((await ReserveAsync(Line(other, 1))).Reservation);
        Assert.False(await Store.SeedAsync("acme", other, start, 500_000, default));
        Assert.Equal(new BudgetState(0, 1), await ReadAsync(other));
    }

    private BudgetLine Line(BudgetRule rule, long amount) => new(rule, BudgetWindows.Start(rule.Period, Clock.GetUtcNow()), amount);

    private ValueTask<(BudgetReservation? Reservation, BudgetRefusal? Refusal)> ReserveAsync(params BudgetLine[] lines) =>
        Store.ReserveAsync("acme", "r" + Interlocked.Increment(ref _ids), lines, Clock.GetUtcNow(), default);

    private ValueTask<BudgetState> ReadAsync(BudgetRule rule) => Store.ReadAsync("acme", rule, BudgetWindows.Start(rule.Period, Clock.GetUtcNow()), default);
}
