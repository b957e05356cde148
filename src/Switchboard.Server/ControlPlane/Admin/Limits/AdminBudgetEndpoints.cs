using Switchboard.Gateway.Budgets;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Knowledge.Api;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.ControlPlane.Admin.Limits;

/// <summary>
/// <c>/api/v1/admin/budgets</c>: the daily and monthly budgets of the tenant, its teams and its keys, in the tenant's
/// currency, with their spend in the current window — list (<c>usage.read</c>), set and remove (<c>limits.manage</c>) —
/// through <see cref="UsagePolicyAdmin"/>, as <c>switchboard budgets</c> does.
/// </summary>
internal static class AdminBudgetEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var budgets = admin.MapGroup("/budgets");
        budgets.MapGet("", ListAsync).RequirePermission(Permissions.UsageRead);
        budgets.MapPut("/{scope}/{id}/{period}", SetAsync).RequirePermission(Permissions.LimitsManage);
        budgets.MapDelete("/{scope}/{id}/{period}", RemoveAsync).RequirePermission(Permissions.LimitsManage);
    }

    private static Task<IResult> ListAsync(HttpContext context, UsagePolicyAdmin budgets) => AdminApi.RunAsync(context, async principal =>
    {
        var list = await budgets.ListBudgetsAsync(principal.TenantId!.Value, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new BudgetList([.. list.Select(BudgetView.Of)]), AdminJsonContext.Default.BudgetList);
    });

    private static Task<IResult> SetAsync(HttpContext context, UsagePolicyAdmin budgets) => AdminApi.RunAsync(context, async principal =>
    {
        var (target, period, missing) = await ResolveAsync(context, budgets, principal).ConfigureAwait(false);
        if (target is null)
        {
            return missing!;
        }

        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.BudgetBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (body.Limit is not { } limit)
        {
            return AdminApi.Problem(StatusCodes.Status400BadRequest, $"'limit' is required: the hard limit in the tenant's currency ({target.Currency}).");
        }

        var entry = await budgets.SetBudgetAsync(target, period, limit, body.SoftLimit, principal.Actor, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(BudgetView.Of(entry), AdminJsonContext.Default.BudgetView);
    });

    private static Task<IResult> RemoveAsync(HttpContext context, UsagePolicyAdmin budgets) => AdminApi.RunAsync(context, async principal =>
    {
        var (target, period, missing) = await ResolveAsync(context, budgets, principal).ConfigureAwait(false);
        if (target is null)
        {
            return missing!;
        }

        return await budgets.RemoveBudgetsAsync(target, period, principal.Actor, context.RequestAborted).ConfigureAwait(false) > 0
            ? TypedResults.NoContent()
            : AdminApi.Problem(StatusCodes.Status404NotFound, $"The {target} has no {BudgetWindows.Adjective(period)} budget.");
    });

    private static async Task<(UsageTarget? Target, BudgetPeriod Period, IResult? Problem)> ResolveAsync(HttpContext context, UsagePolicyAdmin budgets,
        ApiPrincipal principal)
    {
        var periodText = AdminApi.RouteValue(context, "period");
        if (!BudgetWindows.TryParse(periodText, out var period))
        {
            return (null, default, AdminApi.Problem(StatusCodes.Status400BadRequest, $"The period '{periodText}' must be day or month."));
        }

        var (target, problem) = await UsageTargetRoute.ResolveAsync(context, budgets, principal).ConfigureAwait(false);
        return (target, period, problem);
    }
}
