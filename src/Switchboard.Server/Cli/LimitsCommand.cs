using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard limits set | list | remove</c>: requests/min, tokens/min and concurrent requests of a tenant, a team or a
/// key (docs/limits-and-budgets.md). Running servers apply a change within <c>limits.refreshSeconds</c>.
/// </summary>
internal static class LimitsCommand
{
    public static Command Create() => new("limits", "Rate limits of tenants, teams and keys.") { CreateSet(), CreateList(), CreateRemove() };

    private static Command CreateSet()
    {
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute (0 removes this limit)." };
        var tpm = new Option<int?>("--tpm") { Description = "Tokens per minute: prompt + max_tokens reserved, corrected with actual usage (0 removes it)." };
        var concurrent = new Option<int?>("--concurrent") { Description = "Requests in progress at once (0 removes it)." };
        var scope = new UsageScopeOptions();
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("set", "Set limits; options left out keep their current value.") { rpm, tpm, concurrent, data };
        scope.AddTo(command);
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            if (new[] { result.GetValue(rpm), result.GetValue(tpm), result.GetValue(concurrent) }.Any(v => v < 0))
            {
                await Console.Error.WriteLineAsync("limits must be zero (no limit) or positive").ConfigureAwait(false);
                return 2;
            }

            var (resolved, problem) = await scope.ResolveAsync(result, services, result.GetValue(data)!, ct).ConfigureAwait(false);
            if (resolved is null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            await using var db = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(ct).ConfigureAwait(false);
            var name = UsageScopes.Name(resolved.Scope);
            var row = await db.Limits.FirstOrDefaultAsync(r => r.Scope == name && r.ScopeId == resolved.Id, ct).ConfigureAwait(false);
            if (row is null)
            {
                row = new LimitRow { Id = Guid.NewGuid(), Scope = name, ScopeId = resolved.Id, TenantId = resolved.TenantId };
                db.Limits.Add(row);
            }

            row.RequestsPerMinute = Apply(result.GetValue(rpm), row.RequestsPerMinute);
            row.TokensPerMinute = Apply(result.GetValue(tpm), row.TokensPerMinute);
            row.MaxConcurrent = Apply(result.GetValue(concurrent), row.MaxConcurrent);
            row.UpdatedAt = DateTimeOffset.UtcNow;
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
        var command = new Command("list", "List the stored limits.") { data };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(ct).ConfigureAwait(false);
            var rows = await db.Limits.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            foreach (var row in rows.OrderBy(r => r.Scope, StringComparer.Ordinal).ThenBy(r => r.ScopeId, StringComparer.Ordinal))
            {
                Console.WriteLine($"{row.Scope,-6} {row.ScopeId,-36}  {Describe(row)}");
            }

            if (rows.Count == 0)
            {
                Console.WriteLine("no limits are stored");
            }

            return 0;
        }, cancellationToken, configureServices: UsageScopeOptions.AddStorage));
        return command;
    }

    private static Command CreateRemove()
    {
        var scope = new UsageScopeOptions();
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("remove", "Remove the stored limits of a tenant, team or key.") { data };
        scope.AddTo(command);
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            var (resolved, problem) = await scope.ResolveAsync(result, services, result.GetValue(data)!, ct).ConfigureAwait(false);
            if (resolved is null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            await using var db = await services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(ct).ConfigureAwait(false);
            var name = UsageScopes.Name(resolved.Scope);
            var removed = await db.Limits.Where(r => r.Scope == name && r.ScopeId == resolved.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            Console.WriteLine(removed > 0 ? $"{resolved}: limits removed" : $"{resolved} has no stored limits");
            return 0;
        }, cancellationToken, configureServices: UsageScopeOptions.AddStorage));
        return command;
    }

    private static int? Apply(int? given, int? current) => given is null ? current : given == 0 ? null : given;

    private static string Describe(LimitRow row) =>
        $"requests/min {row.RequestsPerMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, " +
        $"tokens/min {row.TokensPerMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, " +
        $"concurrent {row.MaxConcurrent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
