namespace Switchboard.Gateway.Configuration;

/// <summary>
/// Price of a deployment per million tokens in <see cref="Currency"/>: what the <c>cost-aware</c> policy
/// sorts by, what budgets reserve and settle, and what the usage ledger records (docs/limits-and-budgets.md).
/// </summary>
public sealed record PriceConfig
{
    public decimal InputPer1M { get; set; }

    public decimal OutputPer1M { get; set; }

    /// <summary>
    /// Price of prompt tokens the provider served from its prompt cache (<c>prompt_tokens_details.cached_tokens</c>);
    /// null charges them as ordinary input.
    /// </summary>
    public decimal? CachedInputPer1M { get; set; }

    /// <summary>ISO 4217 code, e.g. <c>USD</c> or <c>RUB</c>.</summary>
    public string Currency { get; set; } = "USD";
}
