namespace Switchboard.Gateway.Budgets;

/// <summary>The budget that refused a reservation and its counters at that moment.</summary>
internal sealed record BudgetRefusal(BudgetLine Line, BudgetState State);
