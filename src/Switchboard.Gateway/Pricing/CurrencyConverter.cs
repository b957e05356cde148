using System.Collections.Frozen;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Pricing;

/// <summary>
/// Converts amounts between currencies at the fixed rates of <c>prices.exchangeRates</c>. A pair that is not
/// configured (in either direction) cannot be converted: callers decide what that means. Immutable; thread-safe.
/// </summary>
internal sealed class CurrencyConverter
{
    public static readonly CurrencyConverter Empty = new(FrozenDictionary<string, decimal>.Empty);

    private readonly FrozenDictionary<string, decimal> _rates;

    private CurrencyConverter(FrozenDictionary<string, decimal> rates) => _rates = rates;

    public static CurrencyConverter From(PricesConfig prices)
    {
        var rates = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var (pair, rate) in prices.ExchangeRates)
        {
            if (TryParsePair(pair, out var from, out var to) && rate > 0)
            {
                rates[Key(from, to)] = rate;
                rates.TryAdd(Key(to, from), 1 / rate);
            }
        }

        return rates.Count == 0 ? Empty : new CurrencyConverter(rates.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Three ASCII letters (ISO 4217 style), any case.</summary>
    public static bool IsCode(string? code) => code is { Length: 3 } && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]) && char.IsAsciiLetter(code[2]);

    public static bool TryParsePair(string pair, out string from, out string to)
    {
        var slash = pair.IndexOf('/', StringComparison.Ordinal);
        from = slash > 0 ? pair[..slash].Trim() : "";
        to = slash > 0 ? pair[(slash + 1)..].Trim() : "";
        return IsCode(from) && IsCode(to) && !from.Equals(to, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The amount in <paramref name="to"/>; false when no rate connects the two currencies.</summary>
    public bool TryConvert(decimal amount, string from, string to, out decimal converted)
    {
        if (amount == 0 || string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            converted = amount;
            return true;
        }

        if (_rates.TryGetValue(Key(from, to), out var rate))
        {
            converted = amount * rate;
            return true;
        }

        converted = 0;
        return false;
    }

    private static string Key(string from, string to) => from.ToUpperInvariant() + "/" + to.ToUpperInvariant();
}
