namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// Estimates how many BPE tokens (GPT-style tokenizers) a text costs, without a model tokenizer. Whitespace is free.
/// A run of letters and digits is a word: its Latin (and other non-Cyrillic) letters cost one token per started 6,
/// its Cyrillic letters one per started 3 (Cyrillic words split into two to four times more pieces than English
/// ones), its digits one per started 3 (numbers are split in groups of three). Every other character — punctuation, a
/// symbol, a CJK ideograph, one half of an emoji — costs one. Counts add up over text split at whitespace, which the
/// chunker relies on. Stateless and thread-safe.
/// </summary>
internal static class TokenEstimator
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var tokens = 0;
        int latin = 0, cyrillic = 0, digits = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c) && !IsIdeograph(c))
            {
                if (c is >= '\u0400' and <= '\u04FF')
                {
                    cyrillic++;
                }
                else
                {
                    latin++;
                }

                continue;
            }

            if (char.IsDigit(c))
            {
                digits++;
                continue;
            }

            if (char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark && latin + cyrillic > 0)
            {
                continue;
            }

            tokens += Word(latin, cyrillic, digits);
            latin = cyrillic = digits = 0;
            if (!char.IsWhiteSpace(c))
            {
                tokens++;
            }
        }

        return tokens + Word(latin, cyrillic, digits);
    }

    private static int Word(int latin, int cyrillic, int digits) => ((latin + 5) / 6) + ((cyrillic + 2) / 3) + ((digits + 2) / 3);

    private static bool IsIdeograph(char c) => c is >= '\u3040' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF';
}
