using System.Text;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Tests.Configuration;

public sealed class AccountingValidationTests
{
    [Theory]
    [InlineData(""" "limits": { "redis": "" } """, "limits.redis must be a connection string or env:VARIABLE (leave it out for in-process limits)")]
    [InlineData(""" "limits": { "defaultMaxTokens": 0 } """, "limits needs defaultMaxTokens > 0, refreshSeconds ≥ 0.1 and leaseSeconds ≥ 1")]
    [InlineData(""" "prices": { "defaultCurrency": "dollars" } """, "prices.defaultCurrency 'dollars' must be a 3-letter code such as USD or RUB")]
    [InlineData(""" "prices": { "exchangeRates": { "USD-RUB": 90 } } """, "prices.exchangeRates 'USD-RUB' must name two currencies as FROM/TO, e.g. USD/RUB")]
    [InlineData(""" "prices": { "exchangeRates": { "USD/RUB": 0 } } """, "prices.exchangeRates 'USD/RUB' must be positive")]
    [InlineData(""" "usage": { "retentionDays": -1 } """, "usage needs retentionDays ≥ 0 (0 keeps rows forever), queueCapacity ≥ 1 and batchSize ≥ 1")]
    public void InvalidSettings_AreNamed(string section, string problem)
    {
        var error = Assert.Throws<ConfigValidationException>(() => Parse(section));
        Assert.Contains(problem, error.Problems);
    }

    [Fact]
    public void Sections_AreReadWithTheirValues()
    {
        var config = Parse("""
            "limits": { "redis": "env:REDIS", "defaultMaxTokens": 1024, "refreshSeconds": 2, "leaseSeconds": 600 },
            "prices": { "defaultCurrency": "RUB", "exchangeRates": { "USD/RUB": 92.5 } },
            "usage": { "enabled": false, "retentionDays": 90, "queueCapacity": 10, "batchSize": 5 }
            """);
        Assert.Equal(("env:REDIS", 1024, 2.0, 600.0), (config.Limits.Redis, config.Limits.DefaultMaxTokens, config.Limits.RefreshSeconds, config.Limits.LeaseSeconds));
        Assert.Equal(("RUB", 92.5m), (config.Prices.DefaultCurrency, config.Prices.ExchangeRates["USD/RUB"]));
        Assert.Equal((false, 90, 10, 5), (config.Usage.Enabled, config.Usage.RetentionDays, config.Usage.QueueCapacity, config.Usage.BatchSize));
    }

    private static GatewayConfig Parse(string sections) =>
        GatewayConfigLoader.Parse(Encoding.UTF8.GetBytes($$"""{ "providers": [], "models": [], {{sections}} }"""), "t.json");
}
