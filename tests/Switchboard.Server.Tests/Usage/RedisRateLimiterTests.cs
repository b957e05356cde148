using Switchboard.Gateway.Limits;

namespace Switchboard.Server.Tests.Usage;

/// <summary>The rate-limit conformance suite against Redis (a private redis-server, <see cref="Infrastructure.RedisServer"/>).</summary>
[Collection(Infrastructure.RedisTests.Name)]
public sealed class RedisRateLimiterTests(Infrastructure.RedisServer redis) : RateLimiterConformanceTests
{
    internal override IRateLimiter Limiter { get; } = new RedisRateLimiter(redis.Connection, TimeSpan.FromMinutes(15), Infrastructure.RedisServer.NewPrefix());
}
