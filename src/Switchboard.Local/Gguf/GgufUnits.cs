using System.Globalization;

namespace Switchboard.Local.Gguf;

/// <summary>Human-readable parameter counts (260K, 6.7B) and byte sizes (1.1 MiB) for CLI and admin output.</summary>
internal static class GgufUnits
{
    private static readonly string[] CountSuffixes = ["", "K", "M", "B", "T"];
    private static readonly string[] ByteSuffixes = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>Formats a parameter count with a decimal suffix: 292,928 → "293K", 6,738,415,616 → "6.7B".</summary>
    public static string Parameters(long count) => Scale(count, 1000, CountSuffixes, separator: "");

    /// <summary>Formats a byte size with a binary suffix: 1,185,376 → "1.1 MiB".</summary>
    public static string Bytes(long bytes) => Scale(bytes, 1024, ByteSuffixes, separator: " ");

    private static string Scale(long value, double step, string[] suffixes, string separator)
    {
        double scaled = value;
        var unit = 0;
        while (Math.Abs(scaled) >= step && unit < suffixes.Length - 1)
        {
            scaled /= step;
            unit++;
        }

        // Round first, so 999.7K becomes 1.0M rather than "1000K".
        if (unit < suffixes.Length - 1 && Math.Round(scaled) >= step)
        {
            scaled /= step;
            unit++;
        }

        var format = unit == 0 || Math.Abs(scaled) >= 10 ? "0" : "0.#";
        return scaled.ToString(format, CultureInfo.InvariantCulture) + separator + suffixes[unit];
    }
}
