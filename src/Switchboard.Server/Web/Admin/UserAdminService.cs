using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// The users page: the tenant's users; create one, change a role, disable or enable, reset a password, delete — all
/// through <see cref="UserAdministration"/>, the admin API's service, so its rules hold here too (only owners grant,
/// change or remove the owner role; a tenant keeps one enabled owner; disabling, deleting and resets end sessions), and
/// every change is audited with the admin as actor. Owners and admins only. One per circuit.
/// </summary>
internal sealed class UserAdminService(ControlPlaneActions actions, TimeProvider time)
{
    public Task<IReadOnlyList<UserItem>> ListAsync(CancellationToken cancellationToken) =>
        actions.RunAsync<IReadOnlyList<UserItem>>(WebPermission.ManageUsers, async (services, admin) =>
        {
            var list = await services.GetRequiredService<UserAdministration>().ListAsync(admin.TenantId!.Value, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            return [.. list.OrderBy(u => u.Email, StringComparer.Ordinal).Select(u => Item(u, now))];
        }, cancellationToken);

    public Task<UserItem> CreateAsync(string email, string? displayName, string password, UserRole role, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageUsers, async (services, admin) =>
        {
            var created = await services.GetRequiredService<UserAdministration>().CreateAsync(admin, new NewUser(email, password, role, displayName),
                cancellationToken).ConfigureAwait(false);
            return Item(created, time.GetUtcNow());
        }, cancellationToken);

    public Task<UserItem> ChangeRoleAsync(Guid userId, UserRole role, CancellationToken cancellationToken) =>
        UpdateAsync(userId, new UserChanges(role, null, null), cancellationToken);

    public Task<UserItem> SetDisabledAsync(Guid userId, bool disabled, CancellationToken cancellationToken) =>
        UpdateAsync(userId, new UserChanges(null, disabled, null), cancellationToken);

    /// <summary>Gives the user a generated password (returned this once), clears a lockout and ends their sessions.</summary>
    public Task<string> ResetPasswordAsync(Guid userId, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageUsers, async (services, admin) =>
        {
            var reset = await services.GetRequiredService<UserAdministration>().ResetPasswordAsync(admin, userId, null, cancellationToken).ConfigureAwait(false);
            return reset?.Generated ?? throw Gone();
        }, cancellationToken);

    /// <summary>Deletes the user with their keys, team memberships and sessions.</summary>
    public Task DeleteAsync(Guid userId, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageUsers, async (services, admin) =>
            await services.GetRequiredService<UserAdministration>().DeleteAsync(admin, userId, cancellationToken).ConfigureAwait(false) ? true : throw Gone(),
            cancellationToken);

    private Task<UserItem> UpdateAsync(Guid userId, UserChanges changes, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageUsers, async (services, admin) =>
        {
            var user = await services.GetRequiredService<UserAdministration>().UpdateAsync(admin, userId, changes, cancellationToken).ConfigureAwait(false);
            return user is null ? throw Gone() : Item(user, time.GetUtcNow());
        }, cancellationToken);

    private static WebValidationException Gone() => new("The user no longer exists.");

    private static UserItem Item(User u, DateTimeOffset now) =>
        new(u.Id, u.Email, u.DisplayName, u.Role, u.Disabled, u.LockedUntil > now, u.ExternalSubject is not null, u.CreatedAt, u.LastLoginAt);
}
