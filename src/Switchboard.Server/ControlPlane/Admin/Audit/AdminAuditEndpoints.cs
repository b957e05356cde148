using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Admin.Audit;

/// <summary>
/// <c>GET /api/v1/admin/audit</c> (<c>audit.read</c>): the tenant's audit entries, newest first, filtered and paged
/// (see <see cref="AuditQuery"/>). Operators with <c>system.read</c> also see server-wide entries (no tenant).
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

        var tenantId = principal.TenantId;
        var entries = AuditQuery.SeesServerWide(principal)
            ? db.AuditEntries.AsNoTracking().Where(e => e.TenantId == tenantId || e.TenantId == null)
            : db.AuditEntries.AsNoTracking().Where(e => e.TenantId == tenantId);
        if (query.Action is { } action)
        {
            entries = action.EndsWith('*')
                ? entries.Where(e => e.Action.StartsWith(action.TrimEnd('*')))
                : entries.Where(e => e.Action == action);
        }

        if (query.ActorKind is { } kind)
        {
            entries = entries.Where(e => e.ActorKind == kind);
            if (query.ActorId is { } actorId)
            {
                entries = entries.Where(e => e.ActorId == actorId);
            }
        }

        if (query.Target is { } target)
        {
            entries = entries.Where(e => e.Target == target);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.Timestamp >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.Timestamp < to);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Sequence < before);
        }

        var page = await entries.OrderByDescending(e => e.Sequence).Take(query.Limit + 1).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        var more = page.Count > query.Limit;
        var shown = page.Take(query.Limit).ToList();
        return TypedResults.Json(new AuditPage([.. shown.Select(AuditEntryView.Of)], more ? shown[^1].Sequence : null), AdminJsonContext.Default.AuditPage);
    });
}
