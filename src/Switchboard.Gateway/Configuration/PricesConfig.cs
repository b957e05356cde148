namespace Switchboard.Gateway.Configuration;

/// <summary>
/// The <c>prices</c> section: how deployment prices become costs in the currency a caller is billed in
/// (docs/limits-and-budgets.md, "Currencies"). Hot-reloaded.
/// </summary>
public sealed record PricesConfig
{
    /// <summary>Fixed exchange rates, <c>"USD/RUB": 92.5</c> = one USD costs 92.5 RUB; the reverse direction is derived.</summary>
    public IReadOnlyDictionary<string, decimal> ExchangeRates { get; set; } = new Dictionary<string, decimal>();

    /// <summary>The currency of callers without a tenant (the bootstrap admin key, legacy keys).</summary>
    public string DefaultCurrency { get; set; } = "USD";
}
