using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Pricing;

/// <summary>
/// What tokens cost at a deployment's price, in the price's currency. Cached prompt tokens are part of the
/// input and cost <see cref="PriceConfig.CachedInputPer1M"/> when set; reasoning tokens are part of the output
/// (as OpenAI reports them) and cost the output price.
/// </summary>
internal static class CostCalculator
{
    private const decimal PerMillion = 1_000_000m;

    public static decimal Cost(PriceConfig price, long inputTokens, long outputTokens, long cachedTokens = 0)
    {
        var cached = Math.Clamp(cachedTokens, 0, Math.Max(0, inputTokens));
        var uncached = Math.Max(0, inputTokens) - cached;
        return ((uncached * price.InputPer1M) + (cached * (price.CachedInputPer1M ?? price.InputPer1M)) + (Math.Max(0, outputTokens) * price.OutputPer1M))
            / PerMillion;
    }

    public static decimal Cost(PriceConfig price, UsageReport usage) =>
        Cost(price, usage.InputTokens ?? 0, usage.OutputTokens ?? 0, usage.CachedTokens ?? 0);
}
