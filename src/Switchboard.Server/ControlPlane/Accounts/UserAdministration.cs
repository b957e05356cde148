using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>
/// Administers a tenant's users for <c>/api/v1/admin/users</c>: create, change role or status, delete, reset the
/// password. Only owners may create, change or remove owners, and a tenant always keeps one enabled owner. Disabling,
/// deleting and password resets end the user's sessions; every change is audited and applies to this process's
/// identity snapshot before the call returns. Scoped.
/// </summary>
internal sealed class UserAdministration(
    ControlPlaneDbContext db,
    AccountService accounts,
    PasswordHasher passwords,
    AuditLog audit,
    IdentityDirectory directory,
    TimeProvider time)
{
    public Task<List<User>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.TenantId == tenantId).OrderBy(u => u.CreatedAt).ThenBy(u => u.Email).ToListAsync(cancellationToken);

    public async Task<User> CreateAsync(ApiPrincipal actor, NewUser user, CancellationToken cancellationToken)
    {
        RequireOwnerFor(actor, user.Role, "create an owner");
        var created = await accounts.CreateUserAsync(actor.TenantId!.Value, user, actor.Actor, cancellationToken).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>Applies <paramref name="changes"/>; null when the tenant has no such user.</summary>
    public async Task<User?> UpdateAsync(ApiPrincipal actor, Guid userId, UserChanges changes, CancellationToken cancellationToken)
    {
        var user = await FindAsync(actor, userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        RequireOwnerFor(actor, user.Role, "change an owner");
        if (changes.Role is { } role)
        {
            RequireOwnerFor(actor, role, "make someone an owner");
        }

        var stillOwner = (changes.Role ?? user.Role) == UserRole.Owner && !(changes.Disabled ?? user.Disabled);
        if (user.Role == UserRole.Owner && !user.Disabled && !stillOwner)
        {
            await RequireAnotherOwnerAsync(user, cancellationToken).ConfigureAwait(false);
        }

        var changed = new List<(string, string?)>();
        if (changes.Role is { } newRole && newRole != user.Role)
        {
            changed.Add(("role", Lower(newRole)));
            user.Role = newRole;
        }

        if (changes.Disabled is { } disabled && disabled != user.Disabled)
        {
            changed.Add(("disabled", disabled ? "true" : "false"));
            user.Disabled = disabled;
        }

        if (changes.DisplayName is { } name && name.Trim() != user.DisplayName)
        {
            if (name.Trim().Length is 0 or > 200)
            {
                throw new ControlPlaneValidationException("the display name must be 1-200 characters");
            }

            changed.Add(("display_name", name.Trim()));
            user.DisplayName = name.Trim();
        }

        if (changed.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (user.Disabled)
            {
                await EndSessionsAsync(user.Id, cancellationToken).ConfigureAwait(false);
            }

            await AppendAsync(actor, AuditActions.UserUpdated, user, [("email", user.Email), .. changed]).ConfigureAwait(false);
            await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    /// <summary>Deletes the user with their keys, memberships and sessions; false when the tenant has no such user.</summary>
    public async Task<bool> DeleteAsync(ApiPrincipal actor, Guid userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(actor, userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return false;
        }

        if (user.Id == actor.UserId)
        {
            throw new ControlPlaneRefusedException(StatusCodes.Status409Conflict, "You cannot delete your own account; ask another administrator.");
        }

        RequireOwnerFor(actor, user.Role, "delete an owner");
        if (user.Role == UserRole.Owner && !user.Disabled)
        {
            await RequireAnotherOwnerAsync(user, cancellationToken).ConfigureAwait(false);
        }

        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AppendAsync(actor, AuditActions.UserDeleted, user, [("email", user.Email)]).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Sets a new password (a generated one when <paramref name="password"/> is null, returned once), clears the lockout
    /// and ends the user's sessions. Null when the tenant has no such user.
    /// </summary>
    public async Task<(User User, string? Generated)?> ResetPasswordAsync(ApiPrincipal actor, Guid userId, string? password, CancellationToken cancellationToken)
    {
        var user = await FindAsync(actor, userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        RequireOwnerFor(actor, user.Role, "reset an owner's password");
        var generated = password is null ? RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20) : null;
        var chosen = password ?? generated!;
        if (chosen.Length is < AccountService.MinimumPasswordLength or > AccountService.MaximumPasswordLength)
        {
            throw new ControlPlaneValidationException(
                $"the password must be {AccountService.MinimumPasswordLength}-{AccountService.MaximumPasswordLength} characters");
        }

        user.PasswordHash = passwords.Hash(chosen);
        user.FailedLoginCount = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await EndSessionsAsync(user.Id, cancellationToken).ConfigureAwait(false);
        await AppendAsync(actor, AuditActions.PasswordReset, user, [("email", user.Email), ("generated", generated is null ? "false" : "true")])
            .ConfigureAwait(false);
        return (user, generated);
    }

    private Task<User?> FindAsync(ApiPrincipal actor, Guid userId, CancellationToken cancellationToken)
    {
        db.TenantScope = actor.TenantId;
        return db.Users.FirstOrDefaultAsync(u => u.TenantId == actor.TenantId && u.Id == userId, cancellationToken);
    }

    private static void RequireOwnerFor(ApiPrincipal actor, UserRole role, string what)
    {
        if (role == UserRole.Owner && actor.Role != UserRole.Owner)
        {
            throw new ControlPlaneRefusedException(StatusCodes.Status403Forbidden, $"Only an owner can {what}.");
        }
    }

    private async Task RequireAnotherOwnerAsync(User user, CancellationToken cancellationToken)
    {
        var others = await db.Users.CountAsync(u => u.TenantId == user.TenantId && u.Id != user.Id && u.Role == UserRole.Owner && !u.Disabled,
            cancellationToken).ConfigureAwait(false);
        if (others == 0)
        {
            throw new ControlPlaneRefusedException(StatusCodes.Status409Conflict,
                $"{user.Email} is the tenant's only enabled owner; make someone else an owner first.");
        }
    }

    private Task<int> EndSessionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private ValueTask AppendAsync(ApiPrincipal actor, string action, User user, (string, string?)[] details) =>
        audit.AppendAsync(new AuditRecord(actor.Actor, action, user.TenantId, $"user:{user.Id:D}", AuditDetails.Of(details)), CancellationToken.None);

    private static string Lower(UserRole role) => role.ToString().ToLowerInvariant();
}
