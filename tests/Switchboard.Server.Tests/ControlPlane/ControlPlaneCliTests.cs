using Microsoft.Data.Sqlite;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>The <c>tenants</c>, <c>users</c> and <c>audit</c> verbs, run as the real executable against a SQLite data directory.</summary>
public sealed class ControlPlaneCliTests
{
    [Fact]
    public async Task TenantsAndUsersCreate_BootstrapAnInstallation_AndAuditVerifyCountsTheirEntries()
    {
        var data = NewDataDirectory();

        var tenant = await SwitchboardProcess.RunAsync("tenants", "create", "--name", "Acme Ltd", "--slug", "acme", "--currency", "usd", "--data", data);
        var user = await SwitchboardProcess.RunAsync("users", "create", "--email", "Anna@Acme.io", "--password", "long enough", "--role", "admin", "--data", data);
        var duplicate = await SwitchboardProcess.RunAsync("users", "create", "--email", "anna@acme.io", "--password", "long enough", "--tenant", "acme", "--data", data);
        var verify = await SwitchboardProcess.RunAsync("audit", "verify", "--data", data);

        Assert.Equal(0, tenant.ExitCode);
        Assert.Matches("^Created tenant 'acme' \\(Acme Ltd, USD\\), id [0-9a-f-]{36}", tenant.Stdout);
        Assert.Equal(0, user.ExitCode);
        Assert.StartsWith("Created user anna@acme.io (admin) in tenant 'acme'", user.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("a user with the e-mail 'anna@acme.io' already exists in this tenant", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("audit chain intact: 2 entries", verify.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("long enough", await ReadDatabaseTextAsync(data, "SELECT group_concat(password_hash || email) FROM users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreate_ForAUserTeamOrServiceAccountOfATenant_IsListedWithItsOwner_AndBadOwnersAreRefused()
    {
        var data = NewDataDirectory();
        await SwitchboardProcess.RunAsync("tenants", "create", "--name", "Acme", "--slug", "acme", "--data", data,
            "--owner-email", "owner@acme.io", "--owner-password", "long enough");
        await SwitchboardProcess.RunAsync("tenants", "create", "--name", "Globex", "--slug", "globex", "--data", data);

        var forUser = await SwitchboardProcess.RunAsync("keys", "create", "--name", "owner-laptop", "--tenant", "acme", "--owner-user", "OWNER@acme.io",
            "--allow-from", "10.0.0.0/8", "--rpm", "60", "--data", data);
        var forAccount = await SwitchboardProcess.RunAsync("keys", "create", "--name", "ci", "--tenant", "globex", "--service-account", "ci-bot", "--data", data);
        var noTenant = await SwitchboardProcess.RunAsync("keys", "create", "--name", "x", "--data", data);
        var unknownUser = await SwitchboardProcess.RunAsync("keys", "create", "--name", "x", "--tenant", "acme", "--owner-user", "nobody@acme.io", "--data", data);
        var twoOwners = await SwitchboardProcess.RunAsync("keys", "create", "--name", "x", "--owner-user", "a@b.c", "--owner-team", "t", "--data", data);
        var badNetwork = await SwitchboardProcess.RunAsync("keys", "create", "--name", "x", "--tenant", "acme", "--allow-from", "the office", "--data", data);
        var list = await SwitchboardProcess.RunAsync("keys", "list", "--tenant", "globex", "--data", data);

        Assert.True(forUser.ExitCode == 0, forUser.Stderr);
        Assert.Contains("in tenant 'acme' for user:", forUser.Stderr, StringComparison.Ordinal);
        Assert.True(forAccount.ExitCode == 0, forAccount.Stderr);
        Assert.Contains("for service_account:", forAccount.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, noTenant.ExitCode);
        Assert.Contains("several tenants; name one", noTenant.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unknownUser.ExitCode);
        Assert.Contains("the tenant has no user 'nobody@acme.io'", unknownUser.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, twoOwners.ExitCode);
        Assert.Equal(1, badNetwork.ExitCode);
        Assert.Contains("'the office' is not a network in CIDR form", badNetwork.Stderr, StringComparison.Ordinal);
        Assert.Contains(" ci ", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("owner-laptop", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantsCreate_BadInput_FailsWithMessage()
    {
        var data = NewDataDirectory();

        var currency = await SwitchboardProcess.RunAsync("tenants", "create", "--name", "Acme", "--slug", "acme", "--currency", "EUR", "--data", data);
        var slug = await SwitchboardProcess.RunAsync("tenants", "create", "--name", "Acme", "--slug", "Not A Slug!", "--data", data);

        Assert.Equal(1, currency.ExitCode);
        Assert.Contains("the currency 'EUR' must be RUB or USD", currency.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, slug.ExitCode);
        Assert.Contains("must be 1-63 lower-case letters, digits or hyphens", slug.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCreate_WithoutATenant_SaysHowToCreateOne()
    {
        var result = await SwitchboardProcess.RunAsync("users", "create", "--email", "a@b.io", "--password", "long enough", "--data", NewDataDirectory());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("there are no tenants yet; create one with 'switchboard tenants create'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_EditedEntry_ReportsItAndExits1()
    {
        var data = await DataWithTwoAuditEntriesAsync();

        await ExecuteAsync(data, "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET details = NULL WHERE sequence = 1;");
        var result = await SwitchboardProcess.RunAsync("audit", "verify", "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("audit chain broken at entry #1: hash mismatch: the entry was modified", result.Stdout.Trim());
    }

    [Fact]
    public async Task AuditVerify_DeletedEntry_ReportsItAndExits1()
    {
        var data = await DataWithTwoAuditEntriesAsync();

        await ExecuteAsync(data, "DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE sequence = 1;");
        var result = await SwitchboardProcess.RunAsync("audit", "verify", "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("audit chain broken at entry #1: entry missing (the next stored entry is #2)", result.Stdout.Trim());
    }

    [Fact]
    public async Task AuditVerify_NoDatabase_FailsInsteadOfCreatingOne()
    {
        var data = NewDataDirectory();

        var result = await SwitchboardProcess.RunAsync("audit", "verify", "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no control-plane database in", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "control.db")));
    }

    private static async Task<string> DataWithTwoAuditEntriesAsync()
    {
        var data = NewDataDirectory();
        var created = await SwitchboardProcess.RunAsync("tenants", "create", "--name", "Acme", "--slug", "acme",
            "--owner-email", "owner@acme.io", "--owner-password", "long enough", "--data", data);
        Assert.Equal(0, created.ExitCode);
        return data;
    }

    private static string NewDataDirectory() => Directory.CreateTempSubdirectory("sb-cli-control-").FullName;

    private static async Task ExecuteAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "control.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ReadDatabaseTextAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "control.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
