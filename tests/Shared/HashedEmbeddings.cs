using System.Text.RegularExpressions;

namespace Switchboard.Tests.SharedData;

/// <summary>
/// The test stubs' embedding model: a unit vector from hashed 5-letter word prefixes — a crude stemmer, deterministic
/// across runs, so texts sharing words are near each other. Linked into the test projects whose stubs embed.
/// </summary>
public static partial class HashedEmbeddings
{
    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (Match word in Word().Matches(text.ToLowerInvariant()))
        {
            var stem = word.Value.Length > 5 ? word.Value[..5] : word.Value;
            var hash = 17;
            foreach (var c in stem)
            {
                hash = unchecked((hash * 31) + c);
            }

            vector[(hash & 0x7fffffff) % dimensions] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : [.. vector.Select(v => v / norm)];
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
