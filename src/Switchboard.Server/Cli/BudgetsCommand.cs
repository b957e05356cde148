using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;
using Switchboard.Server.Usage.Ledger;
using Switchboard.Server.Usage.Policy;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard budgets set | list | remove</c>: daily and monthly spending limits of a tenant, a team or a key, in the
/// tenant's currency (docs/limits-and-budgets.md). Running servers apply a change within <c>limits.refreshSeconds</c>.
/// </summary>
internal static class BudgetsCommand
{
    public static Command Create() => new("budgets", "Spending limits of tenants, teams and keys.") { CreateSet(), CreateList(), CreateRemove() };

    private static Command CreateSet()
    {
        var period = new Option<string>("--period") { Description = "day or month (UTC).", Required = true };
        var limit = new Option<decimal>("--limit") { Description = "The hard limit: requests that could exceed it get 429.", Required = true };
        var soft = new Option<string?>("--soft") { Description = "Where warnings start: an amount (80) or a share of the limit (80%)." };
        var currency = new Option<string?>("--currency") { Description = "Only for keys without a tenant (default USD); otherwise the tenant's currency is used." };
        var scope = new UsageScopeOptions();
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("set", "Create or change a budget.") { period, limit, soft, currency, data };
        scope.AddTo(command);
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            if (!BudgetWindows.TryParse(result.GetValue(period), out var budgetPeriod))
            {
                await Console.Error.WriteLineAsync("--period must be day or month").ConfigureAwait(false);
                return 2;
            }

            var limitAmount = result.GetValue(limit);
            if (limitAmount <= 0 || !TryParseSoft(result.GetValue(soft), limitAmount, out var softAmount))
            {
                await Console.Error.WriteLineAsync("--limit must be positive and --soft an amount or a percentage below it (80 or 80%)").ConfigureAwait(false);
                return 2;
            }

            var (resolved, problem) = await scope.ResolveAsync(result, services, result.GetValue(data)!, ct).ConfigureAwait(false);
            if (resolved is null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            var budgetCurrency = resolved.Currency ?? result.GetValue(currency)?.Trim().ToUpperInvariant() ?? "USD";
            if (resolved.Currency is not null && result.GetValue(currency) is { } given && !given.Equals(resolved.Currency, StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"{resolved} is billed in its tenant's currency, {resolved.Currency}; leave --currency out").ConfigureAwait(false);
                return 2;
            }

            await using var db = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(ct).ConfigureAwait(false);
            var (scopeName, periodName) = (UsageScopes.Name(resolved.Scope), BudgetWindows.Name(budgetPeriod));
            var row = await db.Budgets.FirstOrDefaultAsync(r => r.Scope == scopeName && r.ScopeId == resolved.Id && r.Period == periodName, ct).ConfigureAwait(false);
            if (row is null)
            {
                row = new BudgetRow { Id = Guid.NewGuid(), Scope = scopeName, ScopeId = resolved.Id, TenantId = resolved.TenantId, Period = periodName, Currency = budgetCurrency };
                db.Budgets.Add(row);
            }

            (row.LimitAmount, row.SoftLimitAmount, row.Currency, row.UpdatedAt) = (limitAmount, softAmount, budgetCurrency, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            Console.WriteLine($"{resolved}: {Describe(row)}");
            return 0;
        }, cancellationToken, configureServices: UsageScopeOptions.AddStorage));
        return command;
    }

    private static Command CreateList()
    {
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("list", "List budgets with what the ledger says is spent in the current window.") { data };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(ct).ConfigureAwait(false);
            var rows = await db.Budgets.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            foreach (var row in rows.OrderBy(r => r.Scope, StringComparer.Ordinal).ThenBy(r => r.ScopeId, StringComparer.Ordinal).ThenBy(r => r.Period, StringComparer.Ordinal))
            {
                if (!UsageScopes.TryParse(row.Scope, out var scope) || !BudgetWindows.TryParse(row.Period, out var period))
                {
                    continue;
                }

                var rule = new BudgetRule(scope, row.ScopeId, period, row.LimitAmount, row.SoftLimitAmount, row.Currency);
                var spent = await DatabaseUsagePolicyProvider.SpentAsync(db, rule, BudgetWindows.Start(period, now), ct).ConfigureAwait(false);
                Console.WriteLine($"{row.Scope,-6} {row.ScopeId,-36}  {Describe(row)}; spent {UsageAmounts.FromNanos(spent).ToString("0.00####", CultureInfo.InvariantCulture)}");
            }

            if (rows.Count == 0)
            {
                Console.WriteLine("no budgets are stored");
            }

            return 0;
        }, cancellationToken, configureServices: UsageScopeOptions.AddStorage));
        return command;
    }

    private static Command CreateRemove()
    {
        var period = new Option<string?>("--period") { Description = "day or month; both when left out." };
        var scope = new UsageScopeOptions();
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("remove", "Remove budgets of a tenant, team or key.") { period, data };
        scope.AddTo(command);
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            var periodText = result.GetValue(period);
            BudgetPeriod parsed = default;
            if (periodText is not null && !BudgetWindows.TryParse(periodText, out parsed))
            {
                await Console.Error.WriteLineAsync("--period must be day or month").ConfigureAwait(false);
                return 2;
            }

            var (resolved, problem) = await scope.ResolveAsync(result, services, result.GetValue(data)!, ct).ConfigureAwait(false);
            if (resolved is null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            await using var db = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(ct).ConfigureAwait(false);
            var scopeName = UsageScopes.Name(resolved.Scope);
            var periodName = periodText is null ? null : BudgetWindows.Name(parsed);
            var removed = await db.Budgets.Where(r => r.Scope == scopeName && r.ScopeId == resolved.Id && (periodName == null || r.Period == periodName))
                .ExecuteDeleteAsync(ct).ConfigureAwait(false);
            Console.WriteLine($"{resolved}: {removed} budget(s) removed");
            return 0;
        }, cancellationToken, configureServices: UsageScopeOptions.AddStorage));
        return command;
    }

    /// <summary>An amount, or a percentage of <paramref name="limit"/>; null text is no soft limit.</summary>
    internal static bool TryParseSoft(string? text, decimal limit, out decimal? soft)
    {
        soft = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var percent = text.TrimEnd().EndsWith('%');
        if (!decimal.TryParse(percent ? text.Trim().TrimEnd('%') : text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            || value <= 0 || (percent ? value > 100 : value > limit))
        {
            return false;
        }

        soft = percent ? Math.Round(limit * value / 100, 6) : value;
        return true;
    }

    private static string Describe(BudgetRow row) =>
        $"{BudgetWindows.Adjective(BudgetWindows.TryParse(row.Period, out var p) ? p : BudgetPeriod.Day)} budget " +
        $"{row.LimitAmount.ToString("0.00####", CultureInfo.InvariantCulture)} {row.Currency}" +
        (row.SoftLimitAmount is { } soft ? $" (warnings from {soft.ToString("0.00####", CultureInfo.InvariantCulture)})" : "");
}
