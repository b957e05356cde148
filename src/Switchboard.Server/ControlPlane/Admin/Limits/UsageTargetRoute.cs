using Switchboard.Gateway.Accounting;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.ControlPlane.Admin.Limits;

/// <summary>
/// The <c>{scope}/{id}</c> of <c>/api/v1/admin/limits</c> and <c>/api/v1/admin/budgets</c>: the caller's tenant, or one of
/// its teams or keys. Anything outside the caller's tenant is 404, exactly like an id that does not exist.
/// </summary>
internal static class UsageTargetRoute
{
    public static async Task<(UsageTarget? Target, IResult? Problem)> ResolveAsync(HttpContext context, UsagePolicyAdmin admin, ApiPrincipal principal)
    {
        var (scopeText, id) = (AdminApi.RouteValue(context, "scope"), AdminApi.RouteValue(context, "id"));
        if (!UsageScopes.TryParse(scopeText, out var scope))
        {
            return (null, AdminApi.Problem(StatusCodes.Status400BadRequest, $"The scope '{scopeText}' must be tenant, team or key."));
        }

        var target = await admin.FindAsync(principal.TenantId!.Value, scope, id, context.RequestAborted).ConfigureAwait(false);
        return target is null ? (null, AdminApi.NotFound(scopeText, id)) : (target, null);
    }
}
