namespace Switchboard.Gateway.Budgets;

/// <summary>
/// A request's reservation against its budgets, with each window's counters right after it was made
/// (for soft-limit warnings). Settled exactly once, when the request ends.
/// </summary>
internal sealed record BudgetReservation(string Id, string Partition, BudgetLine[] Lines, BudgetState[] After);
