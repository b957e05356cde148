namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Test classes in this collection share one <see cref="PostgresCluster"/> (started once, stopped at the end).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
