using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// The teams page: the tenant's teams with their member counts; create, rename, delete, add and remove members — all
/// through <see cref="TeamAdministration"/>, the service behind <c>/api/v1/admin/teams</c> (validation, the audit entry,
/// the identity snapshot refreshed so the knowledge base's groups change at once). Owners and admins only. One per circuit.
/// </summary>
internal sealed class TeamAdminService(ControlPlaneActions actions)
{
    public Task<IReadOnlyList<TeamItem>> ListAsync(CancellationToken cancellationToken) =>
        actions.RunAsync<IReadOnlyList<TeamItem>>(WebPermission.ManageTeams, async (services, admin) =>
        {
            var teams = services.GetRequiredService<TeamAdministration>();
            var list = await teams.ListAsync(admin.TenantId!.Value, cancellationToken).ConfigureAwait(false);
            var counts = await teams.MemberCountsAsync(admin.TenantId!.Value, cancellationToken).ConfigureAwait(false);
            return [.. list.Select(t => new TeamItem(t.Id, t.Name, counts.GetValueOrDefault(t.Id), t.CreatedAt))];
        }, cancellationToken);

    public Task<Team> CreateAsync(string name, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageTeams, (services, admin) =>
            services.GetRequiredService<TeamAdministration>().CreateAsync(admin, name, cancellationToken), cancellationToken);

    public Task<Team> RenameAsync(Guid teamId, string name, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageTeams, async (services, admin) =>
            await services.GetRequiredService<TeamAdministration>().RenameAsync(admin, teamId, name, cancellationToken).ConfigureAwait(false) ?? throw Gone(),
            cancellationToken);

    /// <summary>Deletes the team with its memberships and API keys; its users stay.</summary>
    public Task DeleteAsync(Guid teamId, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageTeams, async (services, admin) =>
            await services.GetRequiredService<TeamAdministration>().DeleteAsync(admin, teamId, cancellationToken).ConfigureAwait(false) ? true : throw Gone(),
            cancellationToken);

    public Task<IReadOnlyList<TeamMemberItem>> MembersAsync(Guid teamId, CancellationToken cancellationToken) =>
        actions.RunAsync<IReadOnlyList<TeamMemberItem>>(WebPermission.ManageTeams, async (services, admin) =>
        {
            var members = await services.GetRequiredService<TeamAdministration>().MembersAsync(admin.TenantId!.Value, teamId, cancellationToken)
                .ConfigureAwait(false) ?? throw Gone();
            return [.. members.Select(m => Item(m.User))];
        }, cancellationToken);

    /// <summary>The tenant's users, for choosing whom to add.</summary>
    public Task<IReadOnlyList<TeamMemberItem>> UsersAsync(CancellationToken cancellationToken) =>
        actions.RunAsync<IReadOnlyList<TeamMemberItem>>(WebPermission.ManageTeams, async (services, admin) =>
        {
            var users = await services.GetRequiredService<UserAdministration>().ListAsync(admin.TenantId!.Value, cancellationToken).ConfigureAwait(false);
            return [.. users.OrderBy(u => u.Email, StringComparer.Ordinal).Select(Item)];
        }, cancellationToken);

    public Task AddMemberAsync(Guid teamId, Guid userId, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageTeams, async (services, admin) =>
            await services.GetRequiredService<TeamAdministration>().SetMemberAsync(admin, teamId, userId, null, cancellationToken).ConfigureAwait(false)
                ?? throw new WebValidationException("The team or the user no longer exists."),
            cancellationToken);

    public Task RemoveMemberAsync(Guid teamId, Guid userId, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageTeams, async (services, admin) =>
            await services.GetRequiredService<TeamAdministration>().RemoveMemberAsync(admin, teamId, userId, cancellationToken).ConfigureAwait(false)
                ? true
                : throw new WebValidationException("That user is no longer a member of the team."),
            cancellationToken);

    private static WebValidationException Gone() => new("The team no longer exists.");

    private static TeamMemberItem Item(User user) => new(user.Id, user.Email, user.DisplayName);
}
