namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>The currencies a tenant can report costs in.</summary>
internal static class Currencies
{
    public const string Rub = "RUB";
    public const string Usd = "USD";

    /// <summary>Accepts <c>RUB</c> or <c>USD</c> in any case and returns the upper-case code.</summary>
    public static bool TryNormalize(string? text, out string currency)
    {
        currency = text?.Trim().ToUpperInvariant() ?? "";
        return currency is Rub or Usd;
    }
}
