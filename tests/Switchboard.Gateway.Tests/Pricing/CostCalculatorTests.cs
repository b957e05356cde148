using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Pricing;

namespace Switchboard.Gateway.Tests.Pricing;

public sealed class CostCalculatorTests
{
    private static readonly PriceConfig Price = new() { InputPer1M = 2.5m, CachedInputPer1M = 1.25m, OutputPer1M = 10m, Currency = "USD" };

    [Fact]
    public void Cost_ChargesInputOutputAndCachedInputAtTheirPrices()
    {
        // 1000 prompt tokens of which 400 cached, 500 completion tokens.
        Assert.Equal((600 * 2.5m + 400 * 1.25m + 500 * 10m) / 1_000_000m, CostCalculator.Cost(Price, 1000, 500, 400));
    }

    [Fact]
    public void Cost_WithoutACachedPrice_ChargesCachedTokensAsInput()
    {
        var price = Price with { CachedInputPer1M = null };
        Assert.Equal((1000 * 2.5m + 500 * 10m) / 1_000_000m, CostCalculator.Cost(price, 1000, 500, 400));
    }

    [Fact]
    public void Cost_ClampsNonsense_CachedNeverAboveInputAndNothingNegative()
    {
        Assert.Equal(100 * 1.25m / 1_000_000m, CostCalculator.Cost(Price, 100, -5, 400));
        Assert.Equal(0m, CostCalculator.Cost(Price, 0, 0));
    }

    [Fact]
    public void Converter_UsesConfiguredRatesBothWays_AndSaysWhenThereIsNone()
    {
        var rates = CurrencyConverter.From(new PricesConfig { ExchangeRates = new Dictionary<string, decimal> { ["USD/RUB"] = 80m } });
        Assert.True(rates.TryConvert(1.5m, "USD", "RUB", out var rubles));
        Assert.Equal(120m, rubles);
        Assert.True(rates.TryConvert(40m, "rub", "usd", out var dollars));
        Assert.Equal(0.5m, dollars);
        Assert.True(rates.TryConvert(3m, "EUR", "EUR", out var same));
        Assert.Equal(3m, same);
        Assert.False(rates.TryConvert(1m, "EUR", "RUB", out _));
        Assert.True(rates.TryConvert(0m, "EUR", "RUB", out _));
    }

    [Theory]
    [InlineData("USD/RUB", true)]
    [InlineData("usd / rub", true)]
    [InlineData("USD-RUB", false)]
    [InlineData("USD/USD", false)]
    [InlineData("US/RUB", false)]
    public void Pairs_AreTwoDifferentThreeLetterCodes(string pair, bool valid) =>
        Assert.Equal(valid, CurrencyConverter.TryParsePair(pair, out _, out _));
}
