using Switchboard.Gateway.Budgets;

namespace Switchboard.Server.Tests.Usage;

/// <summary>The budget-store conformance suite against Redis, plus what only Redis does: reclaiming reservations of dead processes.</summary>
[Collection(Infrastructure.RedisTests.Name)]
public sealed class RedisBudgetStoreTests(Infrastructure.RedisServer redis) : BudgetStoreConformanceTests
{
    private readonly string _prefix = Infrastructure.RedisServer.NewPrefix();

    internal override IBudgetStore Store => new RedisBudgetStore(redis.Connection, TimeSpan.FromMinutes(15), _prefix);

    [Fact]
    public async Task AReservationWhoseProcessDied_IsReclaimedAfterTheLease()
    {
        var store = new RedisBudgetStore(redis.Connection, TimeSpan.FromMinutes(1), _prefix);
        var rule = Daily("crashed");
        var start = BudgetWindows.Start(BudgetPeriod.Day, Clock.GetUtcNow());
        Assert.NotNull((await store.ReserveAsync("acme", "lost", [new BudgetLine(rule, start, 900_000)], Clock.GetUtcNow(), default)).Reservation);
        Assert.NotNull((await store.ReserveAsync("acme", "blocked", [new BudgetLine(rule, start, 200_000)], Clock.GetUtcNow(), default)).Refusal);

        Clock.Advance(TimeSpan.FromSeconds(61));
        var (reservation, _) = await store.ReserveAsync("acme", "after", [new BudgetLine(rule, start, 200_000)], Clock.GetUtcNow(), default);
        Assert.NotNull(reservation);
        Assert.Equal(new BudgetState(0, 200_000), reservation.After[0]);
    }
}
