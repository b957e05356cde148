using Switchboard.Gateway.Limits;

namespace Switchboard.Server.Tests.Usage;

/// <summary>The rate-limit conformance suite against the in-process limiter.</summary>
public sealed class InProcessRateLimiterTests : RateLimiterConformanceTests
{
    internal override IRateLimiter Limiter { get; } = new InProcessRateLimiter();
}
