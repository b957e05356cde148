using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>--tenant</c>, <c>--team</c> and <c>--key</c> of the <c>limits</c> and <c>budgets</c> verbs: which tenant, team or key a
/// limit or budget is for. The tenant is found by slug or id (or is the only one); the team inside it and the key are
/// resolved by <see cref="UsagePolicyAdmin.FindAsync"/>, as the admin API resolves them.
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

    /// <summary>
    /// Runs a verb that works on the scope named on the command line: exit code 2 with the problem when it names none (or
    /// a wrong one), or when <see cref="UsagePolicyAdmin"/> refuses the change; otherwise <paramref name="run"/>'s code.
    /// </summary>
    public async Task<int> RunAsync(ParseResult result, IServiceProvider services, Func<UsagePolicyAdmin, UsageTarget, Task<int>> run,
        CancellationToken cancellationToken)
    {
        var (target, problem) = await ResolveAsync(result, services, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await run(services.GetRequiredService<UsagePolicyAdmin>(), target).ConfigureAwait(false);
        }
        catch (ControlPlaneValidationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>The scope named on the command line, or a message saying what is wrong.</summary>
    public async Task<(UsageTarget? Target, string? Problem)> ResolveAsync(ParseResult result, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (tenantText, teamText, keyText) = (result.GetValue(Tenant), result.GetValue(Team), result.GetValue(Key));
        if ((keyText is not null ? 1 : 0) + (teamText is not null ? 1 : 0) + (tenantText is not null && teamText is null ? 1 : 0) != 1)
        {
            return (null, "name exactly one of --tenant, --team (with --tenant when needed) or --key");
        }

        var targets = services.GetRequiredService<UsagePolicyAdmin>();
        if (keyText is not null)
        {
            var key = await targets.FindAsync(null, UsageScope.Key, keyText, cancellationToken).ConfigureAwait(false);
            return key is null ? (null, $"no key has the id '{keyText}' (see 'switchboard keys list')") : (key, null);
        }

        (Guid Id, string Slug)? tenant;
        var db = await services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var named = tenantText is null
                ? tenants.Count == 1 ? tenants[0] : null
                : tenants.Find(t => t.Slug == tenantText || t.Id.ToString() == tenantText);
            tenant = named is null ? null : (named.Id, named.Slug);
        }

        if (tenant is null)
        {
            return (null, tenantText is null ? "there are several tenants: name one with --tenant" : $"no tenant has the slug or id '{tenantText}'");
        }

        var (tenantId, slug) = tenant.Value;
        var target = await targets.FindAsync(tenantId, teamText is null ? UsageScope.Tenant : UsageScope.Team, teamText ?? tenantId.ToString(), cancellationToken)
            .ConfigureAwait(false);
        return target is null ? (null, $"tenant '{slug}' has no team '{teamText}'") : (target, null);
    }
}
