using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Switchboard.Server.ControlPlane.Admin.Audit;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// The audit page: the entries the user may read, filtered and paged exactly as <c>GET /api/v1/admin/audit</c> does
/// (the filters go through <see cref="AuditQuery.Parse"/> and <see cref="AuditSearch"/>), with actors and targets named
/// where the tenant still has them; and the chain check of <c>switchboard audit verify</c> (<see cref="AuditVerifier"/>).
/// Needs <c>audit.read</c>. One per circuit.
/// </summary>
internal sealed class AuditAdminService(ControlPlaneActions actions, AuditVerifier verifier)
{
    public const int PageSize = 50;

    public Task<AuditRows> PageAsync(AuditFilter filter, long? before, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ViewAudit, async (services, reader) =>
        {
            var (query, problem) = AuditQuery.Parse(Query(filter, before));
            if (query is null)
            {
                throw new WebValidationException(problem!);
            }

            var db = services.GetRequiredService<ControlPlaneDbContext>();
            var page = await AuditSearch.PageAsync(db, reader, query, cancellationToken).ConfigureAwait(false);
            var labels = await LabelsAsync(db, reader.TenantId!.Value, cancellationToken).ConfigureAwait(false);
            return new AuditRows([.. page.Entries.Select(e => new AuditRow(e.Sequence, e.Timestamp, e.Actor, labels.GetValueOrDefault(e.Actor), e.Action,
                e.Target, e.Target is null ? null : labels.GetValueOrDefault(e.Target), Describe(e.Details)))], page.NextBefore);
        }, cancellationToken);

    /// <summary>The tenant's users and the system, for the actor filter.</summary>
    public Task<IReadOnlyList<AuditActorOption>> ActorsAsync(CancellationToken cancellationToken) =>
        actions.RunAsync<IReadOnlyList<AuditActorOption>>(WebPermission.ViewAudit, async (services, reader) =>
        {
            var db = services.GetRequiredService<ControlPlaneDbContext>();
            var users = await db.Users.AsNoTracking().Where(u => u.TenantId == reader.TenantId).Select(u => new { u.Id, u.Email })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return [new(AuditQuery.ActorText(AuditActorKind.System, null), "system"),
                .. users.OrderBy(u => u.Email, StringComparer.Ordinal).Select(u => new AuditActorOption(AuditQuery.ActorText(AuditActorKind.User, u.Id.ToString("D")), u.Email))];
        }, cancellationToken);

    /// <summary>Walks the whole chain; counts and the head hash only for operators, whose audit view is server-wide too.</summary>
    public Task<ChainCheck> VerifyAsync(CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ViewAudit, async (_, reader) =>
        {
            var result = await verifier.VerifyAsync(cancellationToken).ConfigureAwait(false);
            var operatorView = AuditQuery.SeesServerWide(reader);
            return new ChainCheck(result.Intact, result.BrokenAt, result.Reason, operatorView ? result.Entries : null, operatorView ? result.HeadHash : null);
        }, cancellationToken);

    /// <summary>A details object as <c>name: value</c> lines (what an administrator reads); anything else as its JSON.</summary>
    private static string? Describe(JsonElement? details) => details is { ValueKind: JsonValueKind.Object } fields
        ? string.Join('\n', fields.EnumerateObject().Select(f => f.Name + ": " + (f.Value.ValueKind == JsonValueKind.String ? f.Value.GetString() : f.Value.GetRawText())))
        : details?.GetRawText();

    private static QueryCollection Query(AuditFilter filter, long? before)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal) { ["limit"] = PageSize.ToString(CultureInfo.InvariantCulture) };
        Add("action", filter.Action);
        Add("actor", filter.Actor);
        Add("target", filter.Target);
        Add("from", filter.From?.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture));
        Add("to", filter.To?.AddDays(1).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture));
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return new QueryCollection(values);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value.Trim();
            }
        }
    }

    /// <summary>What the tenant's users, teams and keys and the tenant itself are called, by their audit reference (<c>user:&lt;id&gt;</c>).</summary>
    private static async Task<Dictionary<string, string>> LabelsAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        db.TenantScope = tenantId;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[$"user:{user.Id:D}"] = user.Email;
        }

        foreach (var team in await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[$"team:{team.Id:D}"] = team.Name;
        }

        foreach (var key in await db.ApiKeys.AsNoTracking().Select(k => new { k.Id, k.Name }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[$"key:{key.Id:D}"] = key.Name;
        }

        foreach (var tenant in await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[$"tenant:{tenant.Id:D}"] = tenant.Slug;
        }

        return labels;
    }
}
