namespace Switchboard.Server.ControlPlane.Admin.Limits;

internal sealed record BudgetList(IReadOnlyList<BudgetView> Budgets);
