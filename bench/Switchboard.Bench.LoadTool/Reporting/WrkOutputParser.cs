using System.Globalization;

namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>Reads wrk 4.x's text output (<c>Requests/sec:</c>, the <c>--latency</c> distribution, error lines).</summary>
internal static class WrkOutputParser
{
    public static WrkResult? Parse(string text)
    {
        double? rps = null, p50 = null, p90 = null, p99 = null;
        long requests = 0, non2xx = 0, socketErrors = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith("Requests/sec:", StringComparison.Ordinal) && words.Length == 2)
            {
                rps = double.Parse(words[1], CultureInfo.InvariantCulture);
            }
            else if (words is [var percent, var value] && percent.EndsWith('%'))
            {
                switch (percent)
                {
                    case "50%": p50 = Microseconds(value); break;
                    case "90%": p90 = Microseconds(value); break;
                    case "99%": p99 = Microseconds(value); break;
                }
            }
            else if (words.Length > 2 && words[1] == "requests" && words[2] == "in")
            {
                requests = long.Parse(words[0], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Non-2xx or 3xx responses:", StringComparison.Ordinal))
            {
                non2xx = long.Parse(words[^1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Socket errors:", StringComparison.Ordinal))
            {
                // "Socket errors: connect 0, read 0, write 0, timeout 0"
                for (var i = 3; i < words.Length; i += 2)
                {
                    socketErrors += long.Parse(words[i].TrimEnd(','), CultureInfo.InvariantCulture);
                }
            }
        }

        return rps is { } r ? new WrkResult(r, requests, non2xx, socketErrors, p50, p90, p99) : null;
    }

    /// <summary>wrk prints durations as <c>812.00us</c>, <c>1.23ms</c>, <c>2.00s</c> or <c>1.00m</c>.</summary>
    internal static double? Microseconds(string value)
    {
        (string Suffix, double Factor)[] units = [("us", 1), ("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000)];
        foreach (var (suffix, factor) in units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return Math.Round(number * factor, 3);
            }
        }

        return null;
    }
}
