using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Pricing;

namespace Switchboard.Gateway.Accounting;

/// <summary>
/// What a finished request used, over every model call it made: the call that served it directly (usage as the
/// upstream reported it, or estimated when it reported none) and the calls made through other outcomes
/// (<see cref="RequestOutcome.Charges"/>). Owned by one completion.
/// </summary>
internal sealed class UsageTotals
{
    private readonly PriceConfig? _directPrice;
    private readonly long _directInput;
    private readonly long _directOutput;
    private readonly long _directCached;
    private readonly List<UsageCharge>? _charges;

    private UsageTotals(PriceConfig? directPrice, long input, long output, long cached, long reasoning, bool known, bool estimated,
        List<UsageCharge>? charges)
    {
        _directPrice = directPrice;
        (_directInput, _directOutput, _directCached) = (input, output, cached);
        _charges = charges;
        long totalIn = input, totalOut = output, totalCached = cached, totalReasoning = reasoning;
        foreach (var charge in charges ?? [])
        {
            known |= charge.Usage.InputTokens is not null || charge.Usage.OutputTokens is not null;
            totalIn += charge.Usage.InputTokens ?? 0;
            totalOut += charge.Usage.OutputTokens ?? 0;
            totalCached += charge.Usage.CachedTokens ?? 0;
            totalReasoning += charge.Usage.ReasoningTokens ?? 0;
        }

        if (known || estimated)
        {
            InputTokens = Clamp(totalIn);
            OutputTokens = Clamp(totalOut);
            CachedTokens = totalCached > 0 ? Clamp(totalCached) : null;
            ReasoningTokens = totalReasoning > 0 ? Clamp(totalReasoning) : null;
        }

        Estimated = estimated;
        Tokens = totalIn + totalOut;
    }

    public int? InputTokens { get; }

    public int? OutputTokens { get; }

    public int? CachedTokens { get; }

    public int? ReasoningTokens { get; }

    /// <summary>Input plus output tokens: what tokens/min windows are corrected to.</summary>
    public long Tokens { get; }

    /// <summary>The direct call reported no usage and its tokens are the gateway's estimate.</summary>
    public bool Estimated { get; }

    public static UsageTotals Of(RequestOutcome outcome)
    {
        if (!outcome.Served)
        {
            // Every model call went through other outcomes (consensus, compare) or none was made.
            return new UsageTotals(null, 0, 0, 0, 0, false, false, outcome.Charges);
        }

        var usage = outcome.Usage;
        if (usage.InputTokens is not null || usage.OutputTokens is not null)
        {
            return new UsageTotals(outcome.Price, usage.InputTokens ?? 0, usage.OutputTokens ?? 0, usage.CachedTokens ?? 0, usage.ReasoningTokens ?? 0,
                true, false, outcome.Charges);
        }

        if (outcome.StreamedEvents > 0)
        {
            // A stream cut or cancelled before its usage chunk: about one token per event the client got.
            return new UsageTotals(outcome.Price, outcome.EstimatedPromptTokens, outcome.StreamedEvents, 0, 0, false, true, outcome.Charges);
        }

        if (!outcome.Stream && outcome.Status is >= 200 and < 300)
        {
            // An answer without usage (rare): charge what was reserved rather than nothing.
            var output = outcome.Admission?.Estimate.OutputTokens ?? 0;
            return new UsageTotals(outcome.Price, outcome.EstimatedPromptTokens, output, 0, 0, false, true, outcome.Charges);
        }

        // Failed before any output reached the client: nothing known was produced.
        return new UsageTotals(null, 0, 0, 0, 0, false, false, outcome.Charges);
    }

    /// <summary>The cost of all calls in <paramref name="currency"/>; null when some call's price cannot be converted into it.</summary>
    public decimal? CostIn(string currency, CurrencyConverter rates)
    {
        decimal total = 0;
        if (_directPrice is { } price)
        {
            if (!rates.TryConvert(CostCalculator.Cost(price, _directInput, _directOutput, _directCached), price.Currency, currency, out var cost))
            {
                return null;
            }

            total += cost;
        }

        foreach (var charge in _charges ?? [])
        {
            if (charge.Price is not { } chargePrice)
            {
                continue;
            }

            if (!rates.TryConvert(CostCalculator.Cost(chargePrice, charge.Usage), chargePrice.Currency, currency, out var cost))
            {
                return null;
            }

            total += cost;
        }

        return total;
    }

    private static int Clamp(long value) => (int)Math.Min(int.MaxValue, value);
}
