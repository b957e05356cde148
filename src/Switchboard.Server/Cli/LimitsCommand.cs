using System.CommandLine;
using System.Globalization;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Limits;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard limits set | list | remove</c>: requests/min, tokens/min and concurrent requests of a tenant, a team or a
/// key (docs/limits-and-budgets.md), through <see cref="UsagePolicyAdmin"/> like the admin API. Running servers apply a
/// change within <c>limits.refreshSeconds</c>.
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
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, (services, ct) =>
            scope.RunAsync(result, services, async (admin, target) =>
            {
                var entry = await admin.SetLimitsAsync(target, new LimitChange(result.GetValue(rpm), result.GetValue(tpm), result.GetValue(concurrent)),
                    AuditActor.System, ct).ConfigureAwait(false);
                Console.WriteLine($"{target}: {Describe(entry?.Limits ?? default)}");
                return 0;
            }, ct), cancellationToken, configureServices: UsageScopeOptions.AddStorage));
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
            var entries = await services.GetRequiredService<UsagePolicyAdmin>().ListLimitsAsync(null, ct).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                Console.WriteLine($"{UsageScopes.Name(entry.Scope),-6} {entry.ScopeId,-36}  {Describe(entry.Limits)}");
            }

            if (entries.Count == 0)
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
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, (services, ct) =>
            scope.RunAsync(result, services, async (admin, target) =>
            {
                var removed = await admin.RemoveLimitsAsync(target, AuditActor.System, ct).ConfigureAwait(false);
                Console.WriteLine(removed ? $"{target}: limits removed" : $"{target} has no stored limits");
                return 0;
            }, ct), cancellationToken, configureServices: UsageScopeOptions.AddStorage));
        return command;
    }

    private static string Describe(LimitSet limits) =>
        $"requests/min {Text(limits.RequestsPerMinute)}, tokens/min {Text(limits.TokensPerMinute)}, concurrent {Text(limits.MaxConcurrent)}";

    private static string Text(int? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
