using System.Globalization;

namespace Switchboard.Local.Serving.Structured;

/// <summary>GBNF for "between min and max of an item", with or without a separator between items.</summary>
internal static class Repetition
{
    /// <summary><paramref name="item"/> repeated (a rule name or a parenthesised expression).</summary>
    public static string Of(string item, int min, int? max) => max switch
    {
        null when min == 0 => item + "*",
        null when min == 1 => item + "+",
        null => $"{item}{{{N(min)},}}",
        0 => "",
        _ when max == min => $"{item}{{{N(min)}}}",
        _ => $"{item}{{{N(min)},{N(max.Value)}}}",
    };

    /// <summary><paramref name="item"/> repeated with <paramref name="separator"/> between items; empty when <paramref name="max"/> is 0.</summary>
    public static string Separated(string item, string separator, int min, int? max)
    {
        if (max == 0)
        {
            return "";
        }

        var rest = Of($"( {separator} {item} )", Math.Max(min - 1, 0), max - 1);
        var all = rest.Length == 0 ? item : $"{item} {rest}";
        return min == 0 ? $"( {all} )?" : all;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
