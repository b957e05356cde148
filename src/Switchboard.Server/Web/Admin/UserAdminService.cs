using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// The users page: the tenant's users, and creating one through <see cref="AccountService"/> (validation, Argon2id, the
/// audit entry with the admin as actor). Owners and admins only; only owners create owners. One per circuit.
/// </summary>
internal sealed class UserAdminService(WebUserAccessor users, IServiceScopeFactory scopes, IDbContextFactory<ControlPlaneDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<UserItem>> ListAsync(CancellationToken cancellationToken)
    {
        var admin = await users.RequireAsync(WebPermission.ManageUsers, cancellationToken).ConfigureAwait(false);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.TenantScope = admin.TenantId;
            var now = time.GetUtcNow();
            var list = await db.Users.AsNoTracking().Where(u => u.TenantId == admin.TenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
            return [.. list.OrderBy(u => u.Email, StringComparer.Ordinal).Select(u => new UserItem(u.Id, u.Email, u.DisplayName, u.Role, u.Disabled,
                u.LockedUntil > now, u.ExternalSubject is not null, u.CreatedAt, u.LastLoginAt))];
        }
    }

    public async Task<UserItem> CreateAsync(string email, string? displayName, string password, UserRole role, CancellationToken cancellationToken)
    {
        var admin = await users.RequireAsync(WebPermission.ManageUsers, cancellationToken).ConfigureAwait(false);
        if (!WebPermissions.MayGrant(admin.Role, role))
        {
            throw new WebForbiddenException("Only owners may create owners.");
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            try
            {
                var created = await accounts.CreateUserAsync(admin.TenantId, new NewUser(email, password, role, displayName), AuditActor.User(admin.UserId),
                    cancellationToken).ConfigureAwait(false);
                return new UserItem(created.Id, created.Email, created.DisplayName, created.Role, false, false, false, created.CreatedAt, null);
            }
            catch (ControlPlaneValidationException ex)
            {
                throw new WebValidationException(ex.Message);
            }
        }
    }
}
