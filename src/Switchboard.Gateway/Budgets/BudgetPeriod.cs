namespace Switchboard.Gateway.Budgets;

/// <summary>How often a budget starts afresh: every UTC day, or every calendar month (UTC).</summary>
internal enum BudgetPeriod
{
    Day,
    Month,
}
