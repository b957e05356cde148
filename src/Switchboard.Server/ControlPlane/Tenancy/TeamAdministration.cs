using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>
/// Administers a tenant's teams and their members for <c>/api/v1/admin/teams</c>. Every change is audited and applies
/// to this process's identity snapshot (the knowledge base's groups) before the call returns. Scoped.
/// </summary>
internal sealed class TeamAdministration(ControlPlaneDbContext db, AuditLog audit, IdentityDirectory directory, TimeProvider time)
{
    public Task<List<Team>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking().Where(t => t.TenantId == tenantId).OrderBy(t => t.Name).ToListAsync(cancellationToken);

    /// <summary>How many members each of the tenant's teams has; teams without members are left out.</summary>
    public Task<Dictionary<Guid, int>> MemberCountsAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.TeamMemberships.AsNoTracking().Where(m => m.TenantId == tenantId).GroupBy(m => m.TeamId).Select(g => new { Team = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Team, g => g.Count, cancellationToken);

    public Task<Team?> FindAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Id == teamId, cancellationToken);

    public async Task<Team> CreateAsync(ApiPrincipal actor, string name, CancellationToken cancellationToken)
    {
        var tenantId = actor.TenantId!.Value;
        name = await ValidateNameAsync(tenantId, name, null, cancellationToken).ConfigureAwait(false);
        var team = new Team { Id = Guid.NewGuid(), TenantId = tenantId, Name = name, CreatedAt = time.GetUtcNow() };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AppendAsync(actor, AuditActions.TeamCreated, team, ("name", name)).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return team;
    }

    public async Task<Team?> RenameAsync(ApiPrincipal actor, Guid teamId, string name, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.TenantId == actor.TenantId && t.Id == teamId, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return null;
        }

        name = await ValidateNameAsync(team.TenantId, name, team.Id, cancellationToken).ConfigureAwait(false);
        if (name != team.Name)
        {
            var old = team.Name;
            team.Name = name;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await AppendAsync(actor, AuditActions.TeamUpdated, team, ("name", name), ("previous_name", old)).ConfigureAwait(false);
        }

        return team;
    }

    /// <summary>Deletes the team with its memberships and keys; false when the tenant has no such team.</summary>
    public async Task<bool> DeleteAsync(ApiPrincipal actor, Guid teamId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.TenantId == actor.TenantId && t.Id == teamId, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return false;
        }

        db.Teams.Remove(team);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AppendAsync(actor, AuditActions.TeamDeleted, team, ("name", team.Name)).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The team's members with their user rows; null when the tenant has no such team.</summary>
    public async Task<List<(TeamMembership Membership, User User)>?> MembersAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken)
    {
        if (await FindAsync(tenantId, teamId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var rows = await db.TeamMemberships.AsNoTracking().Where(m => m.TenantId == tenantId && m.TeamId == teamId)
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.u.Email, StringComparer.Ordinal).Select(r => (r.m, r.u))];
    }

    /// <summary>Adds the user to the team, or changes their role in it. Null when the team or the user is not the tenant's.</summary>
    public async Task<TeamMembership?> SetMemberAsync(ApiPrincipal actor, Guid teamId, Guid userId, UserRole? role, CancellationToken cancellationToken)
    {
        var tenantId = actor.TenantId!.Value;
        var team = await FindAsync(tenantId, teamId, cancellationToken).ConfigureAwait(false);
        if (team is null || !await db.Users.AnyAsync(u => u.TenantId == tenantId && u.Id == userId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var membership = await db.TeamMemberships.FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (membership is null)
        {
            membership = new TeamMembership { TenantId = tenantId, TeamId = teamId, UserId = userId, Role = role };
            db.TeamMemberships.Add(membership);
        }
        else
        {
            membership.Role = role;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AppendAsync(actor, AuditActions.TeamMemberAdded, team, ("user", $"user:{userId:D}"), ("role", role?.ToString().ToLowerInvariant()))
            .ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return membership;
    }

    public async Task<bool> RemoveMemberAsync(ApiPrincipal actor, Guid teamId, Guid userId, CancellationToken cancellationToken)
    {
        var membership = await db.TeamMemberships
            .FirstOrDefaultAsync(m => m.TenantId == actor.TenantId && m.TeamId == teamId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (membership is null)
        {
            return false;
        }

        db.TeamMemberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var team = await FindAsync(membership.TenantId, teamId, cancellationToken).ConfigureAwait(false);
        await AppendAsync(actor, AuditActions.TeamMemberRemoved, team!, ("user", $"user:{userId:D}")).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> ValidateNameAsync(Guid tenantId, string name, Guid? self, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new ControlPlaneValidationException("the team name must be 1-200 characters");
        }

        if (await db.Teams.AnyAsync(t => t.TenantId == tenantId && t.Name == name && t.Id != self, cancellationToken).ConfigureAwait(false))
        {
            throw new ControlPlaneValidationException($"a team named '{name}' already exists in this tenant");
        }

        return name;
    }

    private ValueTask AppendAsync(ApiPrincipal actor, string action, Team team, params (string Name, string? Value)[] details) =>
        audit.AppendAsync(new AuditRecord(actor.Actor, action, team.TenantId, $"team:{team.Id:D}", AuditDetails.Of(details)), CancellationToken.None);
}
