using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>Reads tenants, users, memberships, service accounts and keys (unscoped, untracked) and builds an <see cref="IdentitySnapshot"/>.</summary>
internal static class IdentitySnapshotLoader
{
    public static async Task<IdentitySnapshot> LoadAsync(ControlPlaneDbContext db, Action<string> reportProblem, CancellationToken cancellationToken)
    {
        db.TenantScope = null;
        var version = await db.IdentityChanges.AsNoTracking().Where(c => c.Id == IdentityChangeCounter.RowId).Select(c => c.Version)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var tenantRows = await db.Tenants.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var userRows = await db.Users.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var memberships = await db.TeamMemberships.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var accounts = (await db.ServiceAccounts.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Id);
        var keyRows = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);

        var operatorTenant = tenantRows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).FirstOrDefault();
        var tenants = tenantRows.ToDictionary(t => t.Id, t => new TenantEntry(t.Id, t.Slug, t.Name, t.Id == operatorTenant?.Id, t.Currency));
        var teamsOfUser = memberships.GroupBy(m => m.UserId).ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(m => m.TeamId).ToFrozenSet());
        var users = userRows.ToDictionary(u => u.Id, u =>
        {
            var teams = teamsOfUser.GetValueOrDefault(u.Id) ?? FrozenSet<Guid>.Empty;
            var tenant = tenants[u.TenantId];
            var principal = u.Disabled ? null : new ApiPrincipal
            {
                Kind = PrincipalKind.User,
                TenantId = tenant.Id,
                TenantSlug = tenant.Slug,
                IsOperator = tenant.IsOperator,
                UserId = u.Id,
                Role = u.Role,
                TeamIds = teams,
                Name = u.DisplayName,
                Gateway = new GatewayCaller("user:" + u.Id.ToString("D"), u.DisplayName, null)
                {
                    TenantId = tenant.Id.ToString("D"),
                    Currency = tenant.Currency,
                    UserId = u.Id.ToString("D"),
                    TeamId = FirstTeam(teams),
                    Role = Lower(u.Role),
                },
            };
            return new UserEntry(u.Id, u.TenantId, u.Email, u.Role, u.Disabled, principal);
        });

        var keys = new List<(string, KeyEntry)>(keyRows.Count);
        foreach (var key in keyRows)
        {
            if (!tenants.TryGetValue(key.TenantId, out var tenant))
            {
                continue;
            }

            keys.Add((key.KeyHash, Entry(key, tenant, users, accounts, reportProblem)));
        }

        return new IdentitySnapshot(version, tenants.Values, users.Values, keys);
    }

    private static KeyEntry Entry(ApiKey key, TenantEntry tenant, Dictionary<Guid, UserEntry> users, Dictionary<Guid, ServiceAccount> accounts,
        Action<string> reportProblem)
    {
        var user = key.OwnerUserId is { } userId ? users.GetValueOrDefault(userId) : null;
        var account = key.OwnerServiceAccountId is { } accountId ? accounts.GetValueOrDefault(accountId) : null;
        // Team keys act as members; user keys with their owner's role; service-account keys with the account's role.
        var role = user?.Role ?? account?.Role ?? UserRole.Member;
        var ownerDisabled = key.OwnerUserId is not null ? user is null || user.Disabled
            : key.OwnerServiceAccountId is not null && (account is null || account.Disabled);
        IReadOnlySet<Guid> teams = key.OwnerTeamId is { } teamId ? FrozenSet.Create(teamId)
            : user?.Principal?.TeamIds ?? FrozenSet<Guid>.Empty;
        var networks = NetworkAllowList.Parse(key.AllowedNetworks, out var problem);
        if (problem is not null)
        {
            // Fail closed: a key whose allow-list cannot be read is usable from nowhere.
            reportProblem($"API key {key.Id:D} has an unreadable network allow-list ({problem}); it is refused until fixed");
            networks = NetworkAllowList.Parse(["0.0.0.0/32"], out _);
        }

        var keyId = key.Id.ToString("D");
        var principal = new ApiPrincipal
        {
            Kind = PrincipalKind.ApiKey,
            TenantId = tenant.Id,
            TenantSlug = tenant.Slug,
            IsOperator = tenant.IsOperator,
            UserId = key.OwnerUserId,
            KeyId = key.Id,
            ServiceAccountId = key.OwnerServiceAccountId,
            OwnerTeamId = key.OwnerTeamId,
            Role = role,
            TeamIds = teams,
            Name = key.Name,
            Gateway = new GatewayCaller(keyId, key.Name, key.AllowedModels.Count > 0 ? key.AllowedModels.ToFrozenSet(StringComparer.Ordinal) : null)
            {
                Route = key.RoutePreference,
                TenantId = tenant.Id.ToString("D"),
                Currency = tenant.Currency,
                TeamId = key.OwnerTeamId?.ToString("D") ?? FirstTeam(teams),
                UserId = key.OwnerUserId?.ToString("D"),
                Role = Lower(role),
                RequestsPerMinute = key.RequestsPerMinute,
                TokensPerMinute = key.TokensPerMinute,
                MaxConcurrent = key.MaxConcurrentRequests,
            },
        };
        return new KeyEntry(principal, key.ExpiresAt, key.RevokedAt, ownerDisabled, networks);
    }

    private static string? FirstTeam(IReadOnlySet<Guid> teams) => teams.Count == 0 ? null : teams.Min().ToString("D");

    private static string Lower(UserRole role) => role.ToString().ToLowerInvariant();
}
