using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>--tenant</c>, <c>--team</c> and <c>--key</c> of the <c>limits</c> and <c>budgets</c> verbs: which tenant, team or key a
/// limit or budget is for, resolved to the ids the gateway sees (tenant and team GUIDs, key ids) and to the tenant it
/// belongs to (whose currency budgets are in).
/// </summary>
internal sealed class UsageScopeOptions
{
    public Option<string?> Tenant { get; } = new("--tenant") { Description = "Tenant slug or id. With --team, the team's tenant (needed when there are several)." };

    public Option<string?> Team { get; } = new("--team") { Description = "Team name (or id)." };

    public Option<string?> Key { get; } = new("--key") { Description = "API key id (as 'switchboard keys list' shows it)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Tenant);
        command.Options.Add(Team);
        command.Options.Add(Key);
    }

    /// <summary>Registers the usage database next to the control plane's, for <see cref="ControlPlaneCommandHost"/>.</summary>
    public static void AddStorage(IServiceCollection services, string dataDirectory, ControlPlaneStorageOptions storage) =>
        services.AddUsageStorage(o =>
        {
            o.DataDirectory = dataDirectory;
            o.Provider = storage.Provider;
            o.ConnectionString = storage.ConnectionString;
        });

    /// <summary>The scope named on the command line, or a message saying what is wrong.</summary>
    public async Task<(ResolvedScope? Scope, string? Problem)> ResolveAsync(ParseResult result, IServiceProvider services, string dataDirectory,
        CancellationToken cancellationToken)
    {
        var (tenantText, teamText, keyText) = (result.GetValue(Tenant), result.GetValue(Team), result.GetValue(Key));
        if ((keyText is not null ? 1 : 0) + (teamText is not null ? 1 : 0) + (tenantText is not null && teamText is null ? 1 : 0) != 1)
        {
            return (null, "name exactly one of --tenant, --team (with --tenant when needed) or --key");
        }

        var db = await services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (keyText is not null)
            {
                if (Guid.TryParse(keyText, out var keyId) && await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken).ConfigureAwait(false) is { } key)
                {
                    var owner = await db.Tenants.FirstAsync(t => t.Id == key.TenantId, cancellationToken).ConfigureAwait(false);
                    return (new ResolvedScope(UsageScope.Key, key.Id.ToString(), key.Name, owner.Id.ToString(), owner.Currency), null);
                }

                return (null, $"no key has the id '{keyText}' (see 'switchboard keys list')");
            }

            var tenants = await db.Tenants.ToListAsync(cancellationToken).ConfigureAwait(false);
            var tenant = tenantText is null
                ? tenants.Count == 1 ? tenants[0] : null
                : tenants.Find(t => t.Slug == tenantText || t.Id.ToString() == tenantText);
            if (tenant is null)
            {
                return (null, tenantText is null ? "there are several tenants: name one with --tenant" : $"no tenant has the slug or id '{tenantText}'");
            }

            if (teamText is null)
            {
                return (new ResolvedScope(UsageScope.Tenant, tenant.Id.ToString(), tenant.Slug, tenant.Id.ToString(), tenant.Currency), null);
            }

            var team = await db.Teams.FirstOrDefaultAsync(t => t.TenantId == tenant.Id && (t.Name == teamText || t.Id.ToString() == teamText), cancellationToken)
                .ConfigureAwait(false);
            return team is null
                ? (null, $"tenant '{tenant.Slug}' has no team '{teamText}'")
                : (new ResolvedScope(UsageScope.Team, team.Id.ToString(), team.Name, tenant.Id.ToString(), tenant.Currency), null);
        }
    }
}
