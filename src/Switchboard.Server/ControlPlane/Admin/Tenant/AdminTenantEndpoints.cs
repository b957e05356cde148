using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.Knowledge.Api;

namespace Switchboard.Server.ControlPlane.Admin.Tenant;

/// <summary><c>GET /api/v1/admin/tenant</c> (any signed-in caller) and <c>PATCH</c> (<c>tenant.manage</c>: owners).</summary>
internal static class AdminTenantEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenant", GetAsync).RequireSignedIn();
        admin.MapPatch("/tenant", UpdateAsync).RequirePermission(Permissions.TenantManage);
    }

    private static Task<IResult> GetAsync(HttpContext context, ControlPlaneDbContext db) => AdminApi.RunAsync(context, async principal =>
    {
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == principal.TenantId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(TenantView.Of(tenant, principal.IsOperator), AdminJsonContext.Default.TenantView);
    });

    private static Task<IResult> UpdateAsync(HttpContext context, ControlPlaneDbContext db, AuditLog audit, IdentityDirectory directory) =>
        AdminApi.RunAsync(context, async principal =>
        {
            var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.TenantBody).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }

            var tenant = await db.Tenants.FirstAsync(t => t.Id == principal.TenantId, context.RequestAborted).ConfigureAwait(false);
            if (body.Name is { } name)
            {
                tenant.Name = name.Trim().Length is > 0 and <= 200 ? name.Trim() : throw new ControlPlaneValidationException("the tenant name must be 1-200 characters");
            }

            if (body.Currency is { } currency)
            {
                tenant.Currency = Currencies.TryNormalize(currency, out var normalized) ? normalized
                    : throw new ControlPlaneValidationException($"the currency '{currency}' must be RUB or USD");
            }

            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            await audit.AppendAsync(new AuditRecord(principal.Actor, AuditActions.TenantUpdated, tenant.Id, $"tenant:{tenant.Id:D}",
                AuditDetails.Of(("name", tenant.Name), ("currency", tenant.Currency))), CancellationToken.None).ConfigureAwait(false);
            await directory.RefreshAsync(context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(TenantView.Of(tenant, principal.IsOperator), AdminJsonContext.Default.TenantView);
        });
}
