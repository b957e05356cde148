namespace Switchboard.Gateway.Budgets;

/// <summary>
/// Budget counters hold whole micro-units (10⁻⁶ of a currency unit) so that Redis can add them atomically
/// and exactly (Lua numbers are doubles: integers stay exact up to 9 · 10⁹ units). Costs are rounded up,
/// so a budget is never under-charged; the ledger keeps the exact decimal cost.
/// </summary>
internal static class Money
{
    public const decimal MicrosPerUnit = 1_000_000m;

    public static long ToMicros(decimal amount) => amount <= 0 ? 0 : (long)Math.Ceiling(amount * MicrosPerUnit);

    public static decimal FromMicros(long micros) => micros / MicrosPerUnit;
}
