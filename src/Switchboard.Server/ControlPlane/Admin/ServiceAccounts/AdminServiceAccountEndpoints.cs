using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.Knowledge.Api;

namespace Switchboard.Server.ControlPlane.Admin.ServiceAccounts;

/// <summary>
/// <c>/api/v1/admin/service-accounts</c> (<c>keys.manage</c>): non-human owners of keys. A service account's keys act
/// with its role (member unless chosen otherwise); only owners may give it the owner role.
/// </summary>
internal static class AdminServiceAccountEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var accounts = admin.MapGroup("/service-accounts").RequirePermission(Permissions.KeysManage);
        accounts.MapGet("", ListAsync);
        accounts.MapPost("", CreateAsync);
        accounts.MapPatch("/{id}", UpdateAsync);
    }

    private static Task<IResult> ListAsync(HttpContext context, ControlPlaneDbContext db) => AdminApi.RunAsync(context, async principal =>
    {
        db.TenantScope = principal.TenantId;
        var list = await db.ServiceAccounts.AsNoTracking().Where(s => s.TenantId == principal.TenantId).OrderBy(s => s.Name)
            .ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new ServiceAccountList([.. list.Select(ServiceAccountView.Of)]), AdminJsonContext.Default.ServiceAccountList);
    });

    private static Task<IResult> CreateAsync(HttpContext context, TenantProvisioning tenancy) => AdminApi.RunAsync(context, async principal =>
    {
        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.ServiceAccountBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (RoleOf(body, principal) is { Problem: { } roleProblem })
        {
            return roleProblem;
        }

        var role = RoleOf(body, principal).Role ?? UserRole.Member;
        var account = await tenancy.CreateServiceAccountAsync(principal.TenantId!.Value, body.Name ?? "", role, principal.Actor, context.RequestAborted)
            .ConfigureAwait(false);
        return AdminApi.Created(context, $"/api/v1/admin/service-accounts/{account.Id:D}", ServiceAccountView.Of(account),
            AdminJsonContext.Default.ServiceAccountView);
    });

    private static Task<IResult> UpdateAsync(HttpContext context, ControlPlaneDbContext db, AuditLog audit, IdentityDirectory directory) =>
        AdminApi.RunAsync(context, async principal =>
        {
            if (!AdminApi.TryId(context, "id", out var id))
            {
                return AdminApi.NotFound("service account", AdminApi.RouteValue(context, "id"));
            }

            var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.ServiceAccountBody).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }

            var (role, roleProblem) = RoleOf(body, principal);
            if (roleProblem is not null)
            {
                return roleProblem;
            }

            db.TenantScope = principal.TenantId;
            var account = await db.ServiceAccounts.FirstOrDefaultAsync(s => s.TenantId == principal.TenantId && s.Id == id, context.RequestAborted)
                .ConfigureAwait(false);
            if (account is null)
            {
                return AdminApi.NotFound("service account", id.ToString("D"));
            }

            if (account.Role == UserRole.Owner && principal.Role != UserRole.Owner)
            {
                return AdminApi.Problem(StatusCodes.Status403Forbidden, "Only an owner can change a service account with the owner role.");
            }

            account.Role = role ?? account.Role;
            account.Disabled = body.Disabled ?? account.Disabled;
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            await audit.AppendAsync(new AuditRecord(principal.Actor, AuditActions.ServiceAccountUpdated, account.TenantId, $"service_account:{account.Id:D}",
                AuditDetails.Of(("role", AdminApi.RoleText(account.Role)), ("disabled", account.Disabled ? "true" : "false"))), CancellationToken.None)
                .ConfigureAwait(false);
            await directory.RefreshAsync(context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(ServiceAccountView.Of(account), AdminJsonContext.Default.ServiceAccountView);
        });

    private static (UserRole? Role, IResult? Problem) RoleOf(ServiceAccountBody body, ApiPrincipal principal)
    {
        if (body.Role is null)
        {
            return (null, null);
        }

        if (!AdminApi.TryRole(body.Role, out var role))
        {
            return (null, AdminApi.Problem(StatusCodes.Status400BadRequest, AdminApi.RoleProblem));
        }

        return role == UserRole.Owner && principal.Role != UserRole.Owner
            ? (null, AdminApi.Problem(StatusCodes.Status403Forbidden, "Only an owner can give a service account the owner role."))
            : (role, null);
    }
}
