namespace Switchboard.Gateway.Budgets;

/// <summary>
/// Budget counters per rule and window. A reservation succeeds only if, for every line, settled spend plus
/// reservations in progress plus the new amount stays within the limit — checked and applied atomically for
/// all lines — so concurrent requests can overspend a budget by no more than what one request costs above
/// its estimate. Implementations are thread-safe and behave identically (one conformance suite).
/// </summary>
internal interface IBudgetStore
{
    ValueTask<(BudgetReservation? Reservation, BudgetRefusal? Refusal)> ReserveAsync(string partition, string reservationId, BudgetLine[] lines,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces each line's reservation with what the request really cost (<paramref name="actual"/>, micro-units per line).</summary>
    ValueTask SettleAsync(BudgetReservation reservation, long[] actual, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a window's settled spend at <paramref name="spent"/> (from the usage ledger) unless the store already
    /// has that window; returns whether it did. Used at start-up and when a budget is created.
    /// </summary>
    ValueTask<bool> SeedAsync(string partition, BudgetRule rule, DateTimeOffset windowStart, long spent, CancellationToken cancellationToken);

    ValueTask<BudgetState> ReadAsync(string partition, BudgetRule rule, DateTimeOffset windowStart, CancellationToken cancellationToken);
}
