namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Test classes that share the private <see cref="RedisServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RedisTests : ICollectionFixture<RedisServer>
{
    public const string Name = "Redis";
}
