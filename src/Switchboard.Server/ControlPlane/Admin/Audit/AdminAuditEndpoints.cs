using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Admin.Audit;

/// <summary>
/// <c>GET /api/v1/admin/audit</c> (<c>audit.read</c>): the tenant's audit entries, newest first, filtered and paged
/// (see <see cref="AuditQuery"/>, <see cref="AuditSearch"/>). Operators with <c>system.read</c> also see server-wide entries (no tenant).
/// </summary>
internal static class AdminAuditEndpoints
{
    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/audit", ListAsync).RequirePermission(Permissions.AuditRead);

    private static Task<IResult> ListAsync(HttpContext context, ControlPlaneDbContext db) => AdminApi.RunAsync(context, async principal =>
    {
        var (query, problem) = AuditQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return AdminApi.Problem(StatusCodes.Status400BadRequest, problem!);
        }

        var page = await AuditSearch.PageAsync(db, principal, query, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(page, AdminJsonContext.Default.AuditPage);
    });
}
