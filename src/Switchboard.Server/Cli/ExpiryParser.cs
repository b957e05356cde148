using System.Globalization;

namespace Switchboard.Server.Cli;

/// <summary>Parses <c>--expires</c>: a lifetime (<c>30d</c>, <c>12h</c>, <c>90m</c>) or an ISO date/time.</summary>
internal static class ExpiryParser
{
    public static DateTimeOffset? Parse(string text, DateTimeOffset now)
    {
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? lifetime = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => null,
            };
            if (lifetime is { } span)
            {
                return now + span;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }
}
