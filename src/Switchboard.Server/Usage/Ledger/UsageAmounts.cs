namespace Switchboard.Server.Usage.Ledger;

/// <summary>How ledger rows store what an entry says: the hour bucket and the cost in nano-units.</summary>
internal static class UsageAmounts
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    public static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;

    /// <summary>Rounded to the nearest nano-unit, so sums over many rows stay unbiased.</summary>
    public static long ToNanos(decimal amount) => (long)Math.Round(amount * NanosPerUnit, MidpointRounding.AwayFromZero);

    public static decimal FromNanos(long nanos) => nanos / NanosPerUnit;
}
