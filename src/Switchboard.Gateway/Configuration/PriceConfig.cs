namespace Switchboard.Gateway.Configuration;

/// <summary>Price of a deployment per million tokens in <see cref="Currency"/>.</summary>
public sealed record PriceConfig
{
    public decimal InputPer1M { get; set; }

    public decimal OutputPer1M { get; set; }

    /// <summary>ISO 4217 code, e.g. <c>USD</c> or <c>RUB</c>.</summary>
    public string Currency { get; set; } = "USD";
}
