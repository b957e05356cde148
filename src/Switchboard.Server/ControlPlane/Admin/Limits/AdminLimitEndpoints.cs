using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Knowledge.Api;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.ControlPlane.Admin.Limits;

/// <summary>
/// <c>/api/v1/admin/limits</c>: the rate limits of the tenant, its teams and its keys — list (<c>usage.read</c>), set and
/// remove (<c>limits.manage</c>) — through <see cref="UsagePolicyAdmin"/>, as <c>switchboard limits</c> does. In force on
/// this server before the answer, on other nodes within <c>limits.refreshSeconds</c>.
/// </summary>
internal static class AdminLimitEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var limits = admin.MapGroup("/limits");
        limits.MapGet("", ListAsync).RequirePermission(Permissions.UsageRead);
        limits.MapPut("/{scope}/{id}", SetAsync).RequirePermission(Permissions.LimitsManage);
        limits.MapDelete("/{scope}/{id}", RemoveAsync).RequirePermission(Permissions.LimitsManage);
    }

    private static Task<IResult> ListAsync(HttpContext context, UsagePolicyAdmin limits) => AdminApi.RunAsync(context, async principal =>
    {
        var list = await limits.ListLimitsAsync(principal.TenantId!.Value, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new LimitList([.. list.Select(LimitView.Of)]), AdminJsonContext.Default.LimitList);
    });

    private static Task<IResult> SetAsync(HttpContext context, UsagePolicyAdmin limits) => AdminApi.RunAsync(context, async principal =>
    {
        var (target, missing) = await UsageTargetRoute.ResolveAsync(context, limits, principal).ConfigureAwait(false);
        if (target is null)
        {
            return missing!;
        }

        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.LimitBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var entry = await limits.SetLimitsAsync(target, new LimitChange(body.RequestsPerMinute, body.TokensPerMinute, body.MaxConcurrentRequests),
            principal.Actor, context.RequestAborted).ConfigureAwait(false);
        return entry is null ? TypedResults.NoContent() : TypedResults.Json(LimitView.Of(entry), AdminJsonContext.Default.LimitView);
    });

    private static Task<IResult> RemoveAsync(HttpContext context, UsagePolicyAdmin limits) => AdminApi.RunAsync(context, async principal =>
    {
        var (target, missing) = await UsageTargetRoute.ResolveAsync(context, limits, principal).ConfigureAwait(false);
        if (target is null)
        {
            return missing!;
        }

        return await limits.RemoveLimitsAsync(target, principal.Actor, context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : AdminApi.Problem(StatusCodes.Status404NotFound, $"The {target} has no stored limits.");
    });
}
