namespace Switchboard.Server.ControlPlane.Admin.Limits;

/// <summary><c>PUT /api/v1/admin/budgets/{scope}/{id}/{period}</c>: the hard limit and, optionally, where warnings start.</summary>
internal sealed record BudgetBody(decimal? Limit, decimal? SoftLimit);
