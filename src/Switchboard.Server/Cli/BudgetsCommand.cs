using System.CommandLine;
using System.Globalization;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard budgets set | list | remove</c>: daily and monthly spending limits of a tenant, a team or a key, in the
/// tenant's currency (docs/limits-and-budgets.md), through <see cref="UsagePolicyAdmin"/> like the admin API. Running
/// servers apply a change within <c>limits.refreshSeconds</c>.
/// </summary>
internal static class BudgetsCommand
{
    public static Command Create() => new("budgets", "Spending limits of tenants, teams and keys.") { CreateSet(), CreateList(), CreateRemove() };

    private static Command CreateSet()
    {
        var period = new Option<string>("--period") { Description = "day or month (UTC).", Required = true };
        var limit = new Option<decimal>("--limit") { Description = "The hard limit: requests that could exceed it get 429.", Required = true };
        var soft = new Option<string?>("--soft") { Description = "Where warnings start: an amount (80) or a share of the limit (80%)." };
        var currency = new Option<string?>("--currency") { Description = "Budgets are in the tenant's currency; if given, it must be that one." };
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
            if (!TryParseSoft(result.GetValue(soft), limitAmount, out var softAmount))
            {
                await Console.Error.WriteLineAsync("--soft must be an amount or a percentage of the limit (80 or 80%)").ConfigureAwait(false);
                return 2;
            }

            return await scope.RunAsync(result, services, async (admin, target) =>
            {
                if (result.GetValue(currency) is { } given && !given.Trim().Equals(target.Currency, StringComparison.OrdinalIgnoreCase))
                {
                    await Console.Error.WriteLineAsync($"{target} is billed in its tenant's currency, {target.Currency}; leave --currency out").ConfigureAwait(false);
                    return 2;
                }

                var entry = await admin.SetBudgetAsync(target, budgetPeriod, limitAmount, softAmount, AuditActor.System, ct).ConfigureAwait(false);
                Console.WriteLine($"{target}: {Describe(entry)}");
                return 0;
            }, ct).ConfigureAwait(false);
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
            var entries = await services.GetRequiredService<UsagePolicyAdmin>().ListBudgetsAsync(null, ct).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                Console.WriteLine($"{UsageScopes.Name(entry.Scope),-6} {entry.ScopeId,-36}  {Describe(entry)}; spent {Amount(entry.Spent)}");
            }

            if (entries.Count == 0)
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
            BudgetPeriod? only = null;
            if (result.GetValue(period) is { } periodText)
            {
                if (!BudgetWindows.TryParse(periodText, out var parsed))
                {
                    await Console.Error.WriteLineAsync("--period must be day or month").ConfigureAwait(false);
                    return 2;
                }

                only = parsed;
            }

            return await scope.RunAsync(result, services, async (admin, target) =>
            {
                var removed = await admin.RemoveBudgetsAsync(target, only, AuditActor.System, ct).ConfigureAwait(false);
                Console.WriteLine($"{target}: {removed} budget(s) removed");
                return 0;
            }, ct).ConfigureAwait(false);
        }, cancellationToken, configureServices: UsageScopeOptions.AddStorage));
        return command;
    }

    /// <summary>
    /// An amount, or a percentage of <paramref name="limit"/> turned into an amount; null text is no soft limit. Whether
    /// it fits under the limit is <see cref="UsagePolicyAdmin"/>'s to check.
    /// </summary>
    private static bool TryParseSoft(string? text, decimal limit, out decimal? soft)
    {
        soft = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var percent = text.TrimEnd().EndsWith('%');
        if (!decimal.TryParse(percent ? text.Trim().TrimEnd('%') : text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        soft = percent ? Math.Round(limit * value / 100, 6) : value;
        return true;
    }

    private static string Describe(BudgetEntry entry) =>
        $"{BudgetWindows.Adjective(entry.Period)} budget {Amount(entry.Limit)} {entry.Currency}" +
        (entry.SoftLimit is { } soft ? $" (warnings from {Amount(soft)})" : "");

    private static string Amount(decimal amount) => amount.ToString("0.00####", CultureInfo.InvariantCulture);
}
