namespace Switchboard.Gateway.Budgets;

/// <summary>One budget a request is charged against: the rule, its current window and an amount in micro-units of the rule's currency.</summary>
internal sealed record BudgetLine(BudgetRule Rule, DateTimeOffset WindowStart, long Amount);
