using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Tests.Usage;

/// <summary>The usage store on PostgreSQL: a new database per test in the private cluster (control plane and usage share it).</summary>
[Collection(Infrastructure.PostgresTests.Name)]
public sealed class PostgresUsageStoreTests(Infrastructure.PostgresCluster cluster) : UsageStoreConformanceTests
{
    internal override async Task<(ControlPlaneProvider Provider, string? ConnectionString)> CreateEmptyStoreAsync() =>
        (ControlPlaneProvider.Postgres, await cluster.CreateDatabaseAsync());
}
