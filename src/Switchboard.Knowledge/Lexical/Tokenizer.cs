using System.Text;

namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// Splits text into runs of Unicode letters and digits, case-folded, with Ё folded to Е so that Russian spellings
/// with and without the diaeresis match. Stateless and thread-safe.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Tokens longer than this are identifiers, hashes or junk; they are cut rather than indexed whole.</summary>
    public const int MaxTokenLength = 64;

    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        Tokenize(text, tokens);
        return tokens;
    }

    public static void Tokenize(string text, List<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var current = new StringBuilder(MaxTokenLength);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                AppendFolded(current, rune);
            }
            else if (current.Length > 0 && Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // Combining marks (a decomposed й, accents) belong to the word they follow.
                continue;
            }
            else
            {
                Flush(current, tokens);
            }
        }

        Flush(current, tokens);
    }

    private static void AppendFolded(StringBuilder current, Rune rune)
    {
        if (current.Length >= MaxTokenLength)
        {
            return;
        }

        var lower = Rune.ToLowerInvariant(rune);
        if (lower.Value == 'ё')
        {
            lower = new Rune('е');
        }

        current.Append(lower.ToString());
    }

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
            current.Clear();
        }
    }
}
