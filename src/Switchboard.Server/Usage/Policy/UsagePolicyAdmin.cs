using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Limits;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage.Ledger;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Usage.Policy;

/// <summary>
/// Reads and changes the stored rate limits and budgets of tenants, teams and keys (tables <c>usage_limits</c>,
/// <c>usage_budgets</c>): the one place the <c>limits</c> and <c>budgets</c> CLI verbs, <c>/api/v1/admin/limits</c>,
/// <c>/api/v1/admin/budgets</c> and the web application's budgets page go through, so they validate alike. Every change
/// is audited; in a server the limits and budgets in force (<see cref="DatabaseUsagePolicyProvider"/>) are re-read before
/// the call returns, other processes pick the change up within <c>limits.refreshSeconds</c>. Singleton; thread-safe.
/// </summary>
internal sealed class UsagePolicyAdmin(
    IDbContextFactory<UsageDbContext> usage,
    IDbContextFactory<ControlPlaneDbContext> controlPlane,
    AuditLog audit,
    TimeProvider time,
    DatabaseUsagePolicyProvider? policy = null)
{
    /// <summary>The largest budget accepted: budget counters stay exact in Redis up to 9 · 10⁹ units (<see cref="Money"/>).</summary>
    public const decimal MaxBudget = 1_000_000_000m;

    /// <summary>
    /// The tenant, team (by id, or by name inside a tenant) or key <paramref name="id"/> names, within
    /// <paramref name="tenantId"/> (null: any tenant, for the CLI); null when there is none there — another tenant's ids
    /// are not told apart from ids that do not exist.
    /// </summary>
    public async Task<UsageTarget?> FindAsync(Guid? tenantId, UsageScope scope, string id, CancellationToken cancellationToken)
    {
        var db = await controlPlane.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.TenantScope = tenantId;
            var hasGuid = Guid.TryParse(id, out var guid);
            var found = scope switch
            {
                UsageScope.Tenant when hasGuid => await db.Tenants.AsNoTracking().Where(t => t.Id == guid)
                    .Select(t => new Found(t.Id, t.Id, t.Slug)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false),
                UsageScope.Team => await db.Teams.AsNoTracking().Where(t => (hasGuid && t.Id == guid) || (tenantId != null && t.Name == id))
                    .Select(t => new Found(t.TenantId, t.Id, t.Name)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false),
                UsageScope.Key when hasGuid => await db.ApiKeys.AsNoTracking().Where(k => k.Id == guid)
                    .Select(k => new Found(k.TenantId, k.Id, k.Name)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            if (found is null)
            {
                return null;
            }

            var currency = await db.Tenants.AsNoTracking().Where(t => t.Id == found.TenantId).Select(t => t.Currency).FirstAsync(cancellationToken)
                .ConfigureAwait(false);
            return new UsageTarget(scope, found.Id.ToString(), found.Name, found.TenantId, currency);
        }
    }

    /// <summary>The stored limits of <paramref name="tenantId"/>'s tenant, teams and keys (null: everyone's), tenants first.</summary>
    public async Task<IReadOnlyList<LimitEntry>> ListLimitsAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var tenant = tenantId?.ToString();
        List<LimitRow> rows;
        var db = await usage.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            rows = await db.Limits.AsNoTracking().Where(r => tenant == null || r.TenantId == tenant).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var names = await NamesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var entries = new List<LimitEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (UsageScopes.TryParse(row.Scope, out var scope))
            {
                entries.Add(new LimitEntry(scope, row.ScopeId, names.GetValueOrDefault((scope, row.ScopeId)) ?? row.ScopeId,
                    new LimitSet(row.RequestsPerMinute, row.TokensPerMinute, row.MaxConcurrent), row.UpdatedAt));
            }
        }

        return [.. entries.OrderByDescending(e => e.Scope).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>Applies <paramref name="change"/> to the target's limits; null when no limit is left (the row is then removed).</summary>
    /// <exception cref="ControlPlaneValidationException">A negative limit, or nothing to change.</exception>
    public async Task<LimitEntry?> SetLimitsAsync(UsageTarget target, LimitChange change, AuditActor actor, CancellationToken cancellationToken)
    {
        foreach (var (value, what) in new[] { (change.RequestsPerMinute, "requests per minute"), (change.TokensPerMinute, "tokens per minute"),
                     (change.MaxConcurrent, "concurrent requests") })
        {
            if (value < 0)
            {
                throw new ControlPlaneValidationException($"{what} must be zero (no limit) or positive, not {value}");
            }
        }

        if (change is { RequestsPerMinute: null, TokensPerMinute: null, MaxConcurrent: null })
        {
            throw new ControlPlaneValidationException("name at least one limit to set: requests per minute, tokens per minute or concurrent requests");
        }

        LimitRow row;
        var db = await usage.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var scope = UsageScopes.Name(target.Scope);
            row = await db.Limits.FirstOrDefaultAsync(r => r.Scope == scope && r.ScopeId == target.Id, cancellationToken).ConfigureAwait(false)
                ?? db.Limits.Add(new LimitRow { Id = Guid.NewGuid(), Scope = scope, ScopeId = target.Id, TenantId = target.TenantId.ToString() }).Entity;
            row.RequestsPerMinute = Apply(change.RequestsPerMinute, row.RequestsPerMinute);
            row.TokensPerMinute = Apply(change.TokensPerMinute, row.TokensPerMinute);
            row.MaxConcurrent = Apply(change.MaxConcurrent, row.MaxConcurrent);
            row.UpdatedAt = time.GetUtcNow();
            if (row is { RequestsPerMinute: null, TokensPerMinute: null, MaxConcurrent: null })
            {
                db.Limits.Remove(row);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var limits = new LimitSet(row.RequestsPerMinute, row.TokensPerMinute, row.MaxConcurrent);
        await AppliedAsync(actor, limits.IsEmpty ? AuditActions.LimitsRemoved : AuditActions.LimitsUpdated, target, cancellationToken,
            ("requests_per_minute", Text(limits.RequestsPerMinute)), ("tokens_per_minute", Text(limits.TokensPerMinute)),
            ("max_concurrent_requests", Text(limits.MaxConcurrent))).ConfigureAwait(false);
        return limits.IsEmpty ? null : new LimitEntry(target.Scope, target.Id, target.Name, limits, row.UpdatedAt);
    }

    /// <summary>Removes every stored limit of the target; false when it had none.</summary>
    public async Task<bool> RemoveLimitsAsync(UsageTarget target, AuditActor actor, CancellationToken cancellationToken)
    {
        int removed;
        var db = await usage.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var scope = UsageScopes.Name(target.Scope);
            removed = await db.Limits.Where(r => r.Scope == scope && r.ScopeId == target.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (removed > 0)
        {
            await AppliedAsync(actor, AuditActions.LimitsRemoved, target, cancellationToken).ConfigureAwait(false);
        }

        return removed > 0;
    }

    /// <summary>The budgets of <paramref name="tenantId"/>'s tenant, teams and keys (null: everyone's) with their spend in the current window.</summary>
    public async Task<IReadOnlyList<BudgetEntry>> ListBudgetsAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var tenant = tenantId?.ToString();
        var now = time.GetUtcNow();
        var names = await NamesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var entries = new List<BudgetEntry>();
        var db = await usage.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.Budgets.AsNoTracking().Where(r => tenant == null || r.TenantId == tenant).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (UsageScopes.TryParse(row.Scope, out var scope) && BudgetWindows.TryParse(row.Period, out var period))
                {
                    entries.Add(await EntryAsync(db, row, scope, period, names.GetValueOrDefault((scope, row.ScopeId)) ?? row.ScopeId, now, cancellationToken)
                        .ConfigureAwait(false));
                }
            }
        }

        return [.. entries.OrderByDescending(e => e.Scope).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Period)];
    }

    /// <summary>Creates or replaces the target's budget for <paramref name="period"/>, in its tenant's currency.</summary>
    /// <exception cref="ControlPlaneValidationException">The limit is not positive (or too large), or the soft limit is not between 0 and the limit.</exception>
    public async Task<BudgetEntry> SetBudgetAsync(UsageTarget target, BudgetPeriod period, decimal limit, decimal? softLimit, AuditActor actor,
        CancellationToken cancellationToken)
    {
        if (limit is <= 0 or > MaxBudget)
        {
            throw new ControlPlaneValidationException($"the limit must be a positive amount of at most {MaxBudget.ToString("#,0", CultureInfo.InvariantCulture)}");
        }

        if (softLimit is { } soft && (soft <= 0 || soft > limit))
        {
            throw new ControlPlaneValidationException("the soft limit must be a positive amount no larger than the limit");
        }

        BudgetEntry entry;
        var db = await usage.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var (scope, periodName) = (UsageScopes.Name(target.Scope), BudgetWindows.Name(period));
            var row = await db.Budgets.FirstOrDefaultAsync(r => r.Scope == scope && r.ScopeId == target.Id && r.Period == periodName, cancellationToken)
                    .ConfigureAwait(false)
                ?? db.Budgets.Add(new BudgetRow
                {
                    Id = Guid.NewGuid(), Scope = scope, ScopeId = target.Id, TenantId = target.TenantId.ToString(), Period = periodName, Currency = target.Currency,
                }).Entity;
            (row.LimitAmount, row.SoftLimitAmount, row.Currency, row.UpdatedAt) = (limit, softLimit, target.Currency, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            entry = await EntryAsync(db, row, target.Scope, period, target.Name, row.UpdatedAt, cancellationToken).ConfigureAwait(false);
        }

        await AppliedAsync(actor, AuditActions.BudgetUpdated, target, cancellationToken, ("period", BudgetWindows.Name(period)), ("limit", Text(limit)),
            ("soft_limit", softLimit is { } s ? Text(s) : null), ("currency", target.Currency)).ConfigureAwait(false);
        return entry;
    }

    /// <summary>Removes the target's budget for <paramref name="period"/> (null: both); the number removed.</summary>
    public async Task<int> RemoveBudgetsAsync(UsageTarget target, BudgetPeriod? period, AuditActor actor, CancellationToken cancellationToken)
    {
        List<string> removed;
        var db = await usage.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var (scope, periodName) = (UsageScopes.Name(target.Scope), period is { } p ? BudgetWindows.Name(p) : null);
            var rows = await db.Budgets.Where(r => r.Scope == scope && r.ScopeId == target.Id && (periodName == null || r.Period == periodName))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            db.Budgets.RemoveRange(rows);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            removed = [.. rows.Select(r => r.Period).Order(StringComparer.Ordinal)];
        }

        if (removed.Count > 0)
        {
            await AppliedAsync(actor, AuditActions.BudgetRemoved, target, cancellationToken, ("period", string.Join(',', removed))).ConfigureAwait(false);
        }

        return removed.Count;
    }

    /// <summary>Audits a change and, in a server, puts it in force here before the caller hears back.</summary>
    private async Task AppliedAsync(AuditActor actor, string action, UsageTarget target, CancellationToken cancellationToken,
        params (string Name, string? Value)[] details)
    {
        await audit.AppendAsync(new AuditRecord(actor, action, target.TenantId, target.Reference, AuditDetails.Of([("name", target.Name), .. details])),
            CancellationToken.None).ConfigureAwait(false);
        if (policy is not null)
        {
            await policy.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<BudgetEntry> EntryAsync(UsageDbContext db, BudgetRow row, UsageScope scope, BudgetPeriod period, string name, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var start = BudgetWindows.Start(period, now);
        var rule = new BudgetRule(scope, row.ScopeId, period, row.LimitAmount, row.SoftLimitAmount, row.Currency);
        var spent = await DatabaseUsagePolicyProvider.SpentAsync(db, rule, start, cancellationToken).ConfigureAwait(false);
        return new BudgetEntry(scope, row.ScopeId, name, period, row.LimitAmount, row.SoftLimitAmount, row.Currency, UsageAmounts.FromNanos(spent), start,
            row.UpdatedAt);
    }

    /// <summary>What tenants (slugs), teams and keys are called now, within <paramref name="tenantId"/> (null: all).</summary>
    private async Task<Dictionary<(UsageScope, string), string>> NamesAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var db = await controlPlane.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.TenantScope = tenantId;
            var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, Name = t.Slug }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var keys = await db.ApiKeys.AsNoTracking().Select(k => new { k.Id, k.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var names = new Dictionary<(UsageScope, string), string>();
            tenants.ForEach(t => names[(UsageScope.Tenant, t.Id.ToString())] = t.Name);
            teams.ForEach(t => names[(UsageScope.Team, t.Id.ToString())] = t.Name);
            keys.ForEach(k => names[(UsageScope.Key, k.Id.ToString())] = k.Name);
            return names;
        }
    }

    private static int? Apply(int? given, int? current) => given is null ? current : given == 0 ? null : given;

    private static string Text(int? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string Text(decimal amount) => amount.ToString("0.######", CultureInfo.InvariantCulture);

    private sealed record Found(Guid TenantId, Guid Id, string Name);
}
