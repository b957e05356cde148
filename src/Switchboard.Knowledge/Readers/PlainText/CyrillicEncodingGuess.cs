using System.Text;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// Tells Windows-1251 from KOI8-R (and both from Western text) for bytes that are not UTF-8. Both code pages put
/// Cyrillic letters at 0xC0–0xFF, but in a different order and with the cases swapped, so text decoded with the wrong
/// one is a jumble of letters in a random case. Each candidate decoding is scored over its all-Cyrillic words: +2 for
/// every pair of adjacent letters (case ignored) that is one of the 40 most frequent Russian bigrams, +0.1 per
/// lower-case letter, −2 for every lower-to-upper case change inside a word; the better score wins. It counts only
/// when at least 60 % of the bytes above 0x7F land in all-Cyrillic words — German or French text read as 1251 gives words that mix
/// Latin and Cyrillic letters.
/// </summary>
internal static class CyrillicEncodingGuess
{
    private const int SampleBytes = 64 * 1024;

    private static readonly HashSet<int> CommonBigrams = Pairs(
        "ст но то на ен ов ни ра во ко ал ан пр ре ер ро по ет ли не го ка ор ть ел ол та ла ос ва ом ле ри ой от ат ес ин де ск");

    public static Encoding? Pick(ReadOnlySpan<byte> bytes, Encoding windows1251, Encoding koi8R)
    {
        var sample = bytes[..Math.Min(bytes.Length, SampleBytes)];
        var high = 0;
        foreach (var b in sample)
        {
            high += b >= 0x80 ? 1 : 0;
        }

        if (high == 0)
        {
            return null;
        }

        var first = Score(windows1251.GetString(sample));
        var second = Score(koi8R.GetString(sample));
        var best = first.Value >= second.Value ? first : second;
        if (best.LettersInWords * 5 < high * 3)
        {
            return null;
        }

        return first.Value >= second.Value ? windows1251 : koi8R;
    }

    /// <summary>Scores the all-Cyrillic words (two letters or more) of a decoding; words mixing scripts count nothing.</summary>
    private static (double Value, int LettersInWords) Score(string text)
    {
        var value = 0.0;
        var lettersInWords = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var allCyrillic = true;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                allCyrillic &= IsCyrillic(text[i]);
                i++;
            }

            if (allCyrillic && i - start >= 2)
            {
                lettersInWords += i - start;
                value += WordScore(text.AsSpan(start, i - start));
            }
        }

        return (value, lettersInWords);
    }

    private static double WordScore(ReadOnlySpan<char> word)
    {
        var value = 0.0;
        for (var i = 0; i < word.Length; i++)
        {
            value += char.IsLower(word[i]) ? 0.1 : 0;
            if (i == 0)
            {
                continue;
            }

            if (char.IsLower(word[i - 1]) && char.IsUpper(word[i]))
            {
                value -= 2;
            }
            else if (CommonBigrams.Contains(char.ToLowerInvariant(word[i - 1]) << 16 | char.ToLowerInvariant(word[i])))
            {
                value += 2;
            }
        }

        return value;
    }

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static HashSet<int> Pairs(string list)
    {
        var pairs = new HashSet<int>();
        foreach (var pair in list.Split(' '))
        {
            pairs.Add(pair[0] << 16 | pair[1]);
        }

        return pairs;
    }
}
