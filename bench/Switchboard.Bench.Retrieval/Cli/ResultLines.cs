using System.Globalization;

namespace Switchboard.Bench.Retrieval.Cli;

/// <summary>Writes the <c>key=value</c> result lines the bench script reads (invariant culture, one per line).</summary>
internal static class ResultLines
{
    public static void Write(string key, double value) => Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.####}"));

    public static void Write(string key, long value) => Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));

    public static void Write(string key, string value) => Console.Out.WriteLine($"{key}={value}");

    /// <summary>A line for people, on stderr so it never mixes with the results.</summary>
    public static void Say(FormattableString text) => Console.Error.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
