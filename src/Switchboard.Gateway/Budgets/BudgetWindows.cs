namespace Switchboard.Gateway.Budgets;

/// <summary>Where budget windows start and end. Windows are UTC days and UTC calendar months.</summary>
internal static class BudgetWindows
{
    public static DateTimeOffset Start(BudgetPeriod period, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return period == BudgetPeriod.Day
            ? new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    public static DateTimeOffset End(BudgetPeriod period, DateTimeOffset start) =>
        period == BudgetPeriod.Day ? start.AddDays(1) : start.AddMonths(1);

    public static string Name(BudgetPeriod period) => period == BudgetPeriod.Day ? "day" : "month";

    /// <summary>What messages call it: <c>daily</c> or <c>monthly</c>.</summary>
    public static string Adjective(BudgetPeriod period) => period == BudgetPeriod.Day ? "daily" : "monthly";

    public static bool TryParse(string? text, out BudgetPeriod period)
    {
        switch (text)
        {
            case "day" or "daily":
                period = BudgetPeriod.Day;
                return true;
            case "month" or "monthly":
                period = BudgetPeriod.Month;
                return true;
            default:
                period = default;
                return false;
        }
    }
}
