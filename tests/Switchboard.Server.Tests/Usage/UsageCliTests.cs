using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Usage;

/// <summary>The <c>limits</c> and <c>budgets</c> verbs, run as the real executable against a SQLite data directory.</summary>
public sealed class UsageCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sb-usage-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    [Fact]
    public async Task LimitsAndBudgets_AreSetListedAndRemoved_ForTenantsTeamsAndKeys()
    {
        var data = _data;
        Assert.Equal(0, (await SwitchboardProcess.RunAsync("tenants", "create", "--name", "Acme", "--slug", "acme", "--currency", "RUB", "--data", data)).ExitCode);
        // A tenant key: its budget is in the tenant's currency.
        var key = (await SwitchboardProcess.RunAsync("keys", "create", "--name", "ci", "--tenant", "acme", "--data", data)).Stderr.Split(' ')[1];

        var tenantLimits = await SwitchboardProcess.RunAsync("limits", "set", "--tenant", "acme", "--rpm", "600", "--concurrent", "20", "--data", data);
        var keyLimits = await SwitchboardProcess.RunAsync("limits", "set", "--key", key, "--tpm", "50000", "--data", data);
        var changed = await SwitchboardProcess.RunAsync("limits", "set", "--tenant", "acme", "--rpm", "0", "--data", data);
        var limits = await SwitchboardProcess.RunAsync("limits", "list", "--data", data);
        Assert.Equal("tenant 'acme': requests/min 600, tokens/min -, concurrent 20", tenantLimits.Stdout.Trim());
        Assert.Equal($"key 'ci': requests/min -, tokens/min 50000, concurrent -", keyLimits.Stdout.Trim());
        Assert.Equal("tenant 'acme': requests/min -, tokens/min -, concurrent 20", changed.Stdout.Trim());
        Assert.Equal(2, limits.Stdout.Trim().Split('\n').Length);

        var budget = await SwitchboardProcess.RunAsync("budgets", "set", "--tenant", "acme", "--period", "month", "--limit", "5000", "--soft", "80%", "--data", data);
        var keyBudget = await SwitchboardProcess.RunAsync("budgets", "set", "--key", key, "--period", "day", "--limit", "2.5", "--data", data);
        var wrongCurrency = await SwitchboardProcess.RunAsync("budgets", "set", "--tenant", "acme", "--period", "day", "--limit", "1", "--currency", "USD", "--data", data);
        var badSoft = await SwitchboardProcess.RunAsync("budgets", "set", "--tenant", "acme", "--period", "day", "--limit", "10", "--soft", "20", "--data", data);
        var noTeam = await SwitchboardProcess.RunAsync("budgets", "set", "--team", "ops", "--period", "day", "--limit", "10", "--data", data);
        Assert.Equal("tenant 'acme': monthly budget 5000.00 RUB (warnings from 4000.00)", budget.Stdout.Trim());
        Assert.Equal("key 'ci': daily budget 2.50 RUB", keyBudget.Stdout.Trim());
        Assert.Contains("is billed in its tenant's currency, RUB", wrongCurrency.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badSoft.ExitCode);
        Assert.Contains("tenant 'acme' has no team 'ops'", noTeam.Stderr, StringComparison.Ordinal);

        var list = await SwitchboardProcess.RunAsync("budgets", "list", "--data", data);
        Assert.Contains("monthly budget 5000.00 RUB (warnings from 4000.00); spent 0.00", list.Stdout, StringComparison.Ordinal);
        var removed = await SwitchboardProcess.RunAsync("budgets", "remove", "--key", key, "--data", data);
        Assert.Equal("key 'ci': 1 budget(s) removed", removed.Stdout.Trim());
        Assert.Single((await SwitchboardProcess.RunAsync("budgets", "list", "--data", data)).Stdout.Trim().Split('\n'));
    }
}
