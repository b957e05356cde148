using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Relay;

namespace Switchboard.Gateway.Tests.Relay;

public sealed class RetryBackoffTests
{
    private static readonly RetryOptions Options = new() { BaseDelayMs = 100, MaxDelayMs = 1000 };

    [Theory]
    [InlineData(0, 0.5, 100)]
    [InlineData(1, 0.5, 200)]
    [InlineData(2, 0.0, 200)]
    [InlineData(2, 1.0, 600)]
    [InlineData(10, 0.5, 1000)]
    public void Delay_IsExponentialCappedAndJittered(int round, double jitter, double expectedMs)
    {
        Assert.Equal(expectedMs, RetryBackoff.Delay(round, Options, null, jitter).TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void Delay_NeverShorterThanRetryAfter()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryBackoff.Delay(0, Options, TimeSpan.FromSeconds(7), 0.5));
    }
}
