using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>The CLI verbs against PostgreSQL, chosen with <c>--db-provider</c>/<c>--db-connection</c>.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresCliTests(PostgresCluster cluster)
{
    [Fact]
    public async Task TenantsCreateAndAuditVerify_OnPostgres_UseThatDatabase()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var data = Directory.CreateTempSubdirectory("sb-cli-pg-").FullName;
        string[] database = ["--db-provider", "postgres", "--db-connection", connection, "--data", data];

        var created = await SwitchboardProcess.RunAsync(["tenants", "create", "--name", "Acme", "--slug", "acme", .. database]);
        var verify = await SwitchboardProcess.RunAsync(["audit", "verify", .. database]);
        var missingConnection = await SwitchboardProcess.RunAsync("audit", "verify", "--db-provider", "postgres", "--data", data);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("audit chain intact: 1 entries", verify.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "control.db")));
        Assert.Equal(2, missingConnection.ExitCode);
        Assert.Contains("needs a connection string", missingConnection.Stderr, StringComparison.Ordinal);
    }
}
