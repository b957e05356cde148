namespace Switchboard.Gateway.Budgets;

/// <summary>A budget window's counters in micro-units: settled spend, and reservations of requests in progress.</summary>
internal readonly record struct BudgetState(long Spent, long Reserved)
{
    public long Committed => Spent + Reserved;
}
