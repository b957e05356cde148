using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Admin.Audit;

/// <summary>
/// One page of the audit entries a caller may read, newest first, filtered by an
/// <see cref="AuditQuery"/>: what <c>GET /api/v1/admin/audit</c> answers and the web application's audit page shows.
/// </summary>
internal static class AuditSearch
{
    public static async Task<AuditPage> PageAsync(ControlPlaneDbContext db, ApiPrincipal principal, AuditQuery query, CancellationToken cancellationToken)
    {
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

        var page = await entries.OrderByDescending(e => e.Sequence).Take(query.Limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = page.Count > query.Limit;
        var shown = page.Take(query.Limit).ToList();
        return new AuditPage([.. shown.Select(AuditEntryView.Of)], more ? shown[^1].Sequence : null);
    }
}
