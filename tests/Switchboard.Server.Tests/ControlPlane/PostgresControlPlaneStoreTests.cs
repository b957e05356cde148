using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>The conformance suite against PostgreSQL: a real server (<see cref="PostgresCluster"/>), a new database per test.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresControlPlaneStoreTests(PostgresCluster cluster) : ControlPlaneStoreConformanceTests
{
    protected override string DropAuditTriggersSql =>
        "DROP TRIGGER audit_entries_no_change ON audit_entries; DROP TRIGGER audit_entries_no_truncate ON audit_entries;";

    internal override async Task<ControlPlaneStorageOptions> CreateEmptyStoreAsync(string dataDirectory) =>
        new() { Provider = ControlPlaneProvider.Postgres, ConnectionString = await cluster.CreateDatabaseAsync() };
}
