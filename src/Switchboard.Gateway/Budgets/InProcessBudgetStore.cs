using System.Collections.Concurrent;
using Switchboard.Gateway.Accounting;

namespace Switchboard.Gateway.Budgets;

/// <summary>
/// Budget counters in this process: one small lock per budget window, held for the check and the update and
/// taken in the order the lines come (key → team → tenant, day → month), so reservations never wait on each
/// other in a cycle. Settled spend is rebuilt from the usage ledger at start-up (<see cref="SeedAsync"/>).
/// Counts this process's requests only: several gateway processes need <see cref="RedisBudgetStore"/>. Thread-safe.
/// </summary>
internal sealed class InProcessBudgetStore : IBudgetStore
{
    private static readonly TimeSpan KeepEndedWindows = TimeSpan.FromDays(2);

    private readonly ConcurrentDictionary<WindowKey, Counter> _windows = new();

    public ValueTask<(BudgetReservation? Reservation, BudgetRefusal? Refusal)> ReserveAsync(string partition, string reservationId,
        BudgetLine[] lines, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reserve(partition, reservationId, lines, now));

    public (BudgetReservation? Reservation, BudgetRefusal? Refusal) Reserve(string partition, string reservationId, BudgetLine[] lines, DateTimeOffset now)
    {
        var counters = new Counter[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            counters[i] = CounterFor(lines[i].Rule, lines[i].WindowStart, now);
        }

        var locked = 0;
        try
        {
            for (; locked < counters.Length; locked++)
            {
                counters[locked].Gate.Enter();
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var c = counters[i];
                if (c.Spent + c.Reserved + lines[i].Amount > lines[i].Rule.LimitMicros)
                {
                    return (null, new BudgetRefusal(lines[i], new BudgetState(c.Spent, c.Reserved)));
                }
            }

            var after = new BudgetState[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                var c = counters[i];
                c.Reserved += lines[i].Amount;
                after[i] = new BudgetState(c.Spent, c.Reserved);
            }

            return (new BudgetReservation(reservationId, partition, lines, after), null);
        }
        finally
        {
            for (var i = locked - 1; i >= 0; i--)
            {
                counters[i].Gate.Exit();
            }
        }
    }

    public ValueTask SettleAsync(BudgetReservation reservation, long[] actual, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var i = 0; i < reservation.Lines.Length; i++)
        {
            var line = reservation.Lines[i];
            var c = CounterFor(line.Rule, line.WindowStart, now);
            lock (c.Gate)
            {
                // Spend first: the total never dips while a settlement is half done.
                c.Spent += actual[i];
                c.Reserved = Math.Max(0, c.Reserved - line.Amount);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> SeedAsync(string partition, BudgetRule rule, DateTimeOffset windowStart, long spent, CancellationToken cancellationToken)
    {
        var added = false;
        _windows.GetOrAdd(new WindowKey(rule.Scope, rule.ScopeId, rule.Period, windowStart.UtcTicks), _ =>
        {
            added = true;
            return new Counter(BudgetWindows.End(rule.Period, windowStart)) { Spent = spent };
        });
        return ValueTask.FromResult(added);
    }

    public ValueTask<BudgetState> ReadAsync(string partition, BudgetRule rule, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        if (!_windows.TryGetValue(new WindowKey(rule.Scope, rule.ScopeId, rule.Period, windowStart.UtcTicks), out var c))
        {
            return ValueTask.FromResult(default(BudgetState));
        }

        lock (c.Gate)
        {
            return ValueTask.FromResult(new BudgetState(c.Spent, c.Reserved));
        }
    }

    private Counter CounterFor(BudgetRule rule, DateTimeOffset windowStart, DateTimeOffset now)
    {
        var key = new WindowKey(rule.Scope, rule.ScopeId, rule.Period, windowStart.UtcTicks);
        if (_windows.TryGetValue(key, out var counter))
        {
            return counter;
        }

        // A new window (a new day or month): the time to forget windows that ended a while ago.
        foreach (var (oldKey, old) in _windows)
        {
            if (old.End + KeepEndedWindows < now)
            {
                _windows.TryRemove(oldKey, out _);
            }
        }

        return _windows.GetOrAdd(key, _ => new Counter(BudgetWindows.End(rule.Period, windowStart)));
    }

    private readonly record struct WindowKey(UsageScope Scope, string Id, BudgetPeriod Period, long StartTicks);

    private sealed class Counter(DateTimeOffset end)
    {
        public Lock Gate { get; } = new();

        public DateTimeOffset End { get; } = end;

        public long Spent { get; set; }

        public long Reserved { get; set; }
    }
}
