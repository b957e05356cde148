using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Limits;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Usage.Policy;

/// <summary>
/// The limits and budgets in force, read from the usage tables (and tenants' and teams' names from the control
/// plane) into one snapshot before the server takes requests, then every <c>limits.refreshSeconds</c>, so the request
/// path never reads the database; a change made by another process (the CLI, another node) applies within that time.
/// Before a budget's current window is used for the first time in this process, its settled spend is rebuilt from the
/// ledger (the store keeps a window it already has, as Redis does across processes). Thread-safe.
/// </summary>
internal sealed partial class DatabaseUsagePolicyProvider(
    IDbContextFactory<UsageDbContext> usage,
    IDbContextFactory<ControlPlaneDbContext> controlPlane,
    IBudgetStore budgets,
    GatewayConfigProvider config,
    TimeProvider time,
    ILogger<DatabaseUsagePolicyProvider> logger) : BackgroundService, IUsagePolicyProvider
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly HashSet<(UsageScope, string, BudgetPeriod, DateTimeOffset)> _seeded = [];
    private volatile UsagePolicy _current = UsagePolicy.Empty;

    public UsagePolicy Current => _current;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the web server listens: the first request already sees the limits and the rebuilt spend.
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the definitions now (tests and the CLI's own server call this after a change).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (limitRows, budgetRows) = await ReadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
            var names = await ReadNamesAsync(cancellationToken).ConfigureAwait(false);
            var rules = budgetRows.Select(Rule).OfType<(BudgetRule Rule, string Partition)>().ToList();
            await SeedAsync(rules, cancellationToken).ConfigureAwait(false);
            _current = new UsagePolicy(
                limitRows.Where(r => UsageScopes.TryParse(r.Scope, out _)).ToFrozenDictionary(
                    r => (Scope(r.Scope), r.ScopeId), r => new LimitSet(r.RequestsPerMinute, r.TokensPerMinute, r.MaxConcurrent)),
                rules.GroupBy(r => (r.Rule.Scope, r.Rule.ScopeId)).ToFrozenDictionary(g => g.Key, g => g.Select(r => r.Rule).OrderBy(r => r.Period).ToArray()),
                names);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(config.Current.Limits.RefreshSeconds), time, stoppingToken).ConfigureAwait(false);
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep enforcing the last definitions read.
                LogRefreshFailed(ex);
            }
        }
    }

    private async Task<(List<LimitRow>, List<BudgetRow>)> ReadDefinitionsAsync(CancellationToken cancellationToken)
    {
        var db = usage.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var limits = await db.Limits.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            var budgetRows = await db.Budgets.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            return (limits, budgetRows);
        }
    }

    private async Task<FrozenDictionary<(UsageScope, string), string>> ReadNamesAsync(CancellationToken cancellationToken)
    {
        var db = controlPlane.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var names = tenants.Select(t => KeyValuePair.Create((UsageScope.Tenant, Id(t.Id)), t.Slug))
                .Concat(teams.Select(t => KeyValuePair.Create((UsageScope.Team, Id(t.Id)), t.Name)));
            return names.ToFrozenDictionary();
        }
    }

    /// <summary>Rebuilds the settled spend of every budget window this process has not used yet from the ledger.</summary>
    private async Task SeedAsync(List<(BudgetRule Rule, string Partition)> rules, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var db = usage.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            foreach (var (rule, partition) in rules)
            {
                var start = BudgetWindows.Start(rule.Period, now);
                if (_seeded.Contains((rule.Scope, rule.ScopeId, rule.Period, start)))
                {
                    continue;
                }

                var spent = await SpentAsync(db, rule, start, cancellationToken).ConfigureAwait(false);
                await budgets.SeedAsync(partition, rule, start, (spent + 999) / 1000, cancellationToken).ConfigureAwait(false);
                _seeded.Add((rule.Scope, rule.ScopeId, rule.Period, start));
            }
        }
    }

    /// <summary>Nano-units spent in the rule's currency since <paramref name="start"/>, from the ledger.</summary>
    internal static async Task<long> SpentAsync(UsageDbContext db, BudgetRule rule, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var rows = db.UsageRecords.Where(r => r.OccurredAt >= start && r.Currency == rule.Currency);
        rows = rule.Scope switch
        {
            UsageScope.Key => rows.Where(r => r.KeyId == rule.ScopeId),
            UsageScope.Team => rows.Where(r => r.TeamId == rule.ScopeId),
            _ => rows.Where(r => r.TenantId == rule.ScopeId),
        };
        return await rows.SumAsync(r => r.CostNanos, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    private static (BudgetRule, string)? Rule(BudgetRow row) =>
        UsageScopes.TryParse(row.Scope, out var scope) && BudgetWindows.TryParse(row.Period, out var period)
            ? (new BudgetRule(scope, row.ScopeId, period, row.LimitAmount, row.SoftLimitAmount, row.Currency), row.TenantId ?? row.ScopeId)
            : null;

    private static UsageScope Scope(string text) => UsageScopes.TryParse(text, out var scope) ? scope : default;

    private static string Id(Guid id) => id.ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read limits and budgets; the last ones read stay in force")]
    private partial void LogRefreshFailed(Exception exception);
}
