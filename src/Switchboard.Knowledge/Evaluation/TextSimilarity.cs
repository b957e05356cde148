using System.Text;

namespace Switchboard.Knowledge.Evaluation;

/// <summary>
/// How close an extracted text is to a reference text, word by word. Both texts are NFKC-normalised and split at
/// whitespace, so line breaks and spacing do not matter but every other character does (case, punctuation, hyphens).
/// <see cref="WordF1"/> ignores order (multiset overlap); <see cref="OrderedWordF1"/> counts only words in the same
/// order (longest common subsequence), so it also measures reading order. Stateless and thread-safe.
/// </summary>
internal static class TextSimilarity
{
    /// <summary>Harmonic mean of the share of extracted words found in the reference and of reference words extracted.</summary>
    public static double WordF1(string extracted, string reference)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var referenceWords = Words(reference);
        foreach (var word in referenceWords)
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        var extractedWords = Words(extracted);
        var common = 0;
        foreach (var word in extractedWords)
        {
            if (counts.TryGetValue(word, out var left) && left > 0)
            {
                counts[word] = left - 1;
                common++;
            }
        }

        return F1(common, extractedWords.Count, referenceWords.Count);
    }

    /// <summary>
    /// Like <see cref="WordF1"/> but over the longest common subsequence of the two word sequences (Myers' O((N+M)·D)
    /// difference algorithm), so words out of reading order do not count.
    /// </summary>
    public static double OrderedWordF1(string extracted, string reference)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var a = Words(extracted).Select(w => Id(ids, w)).ToArray();
        var b = Words(reference).Select(w => Id(ids, w)).ToArray();
        var distance = EditDistance(a, b);
        var common = (a.Length + b.Length - distance) / 2;
        return F1(common, a.Length, b.Length);
    }

    private static int Id(Dictionary<string, int> ids, string word)
    {
        if (!ids.TryGetValue(word, out var id))
        {
            ids[word] = id = ids.Count;
        }

        return id;
    }

    /// <summary>Insertions plus deletions turning <paramref name="a"/> into <paramref name="b"/> (Myers 1986).</summary>
    private static int EditDistance(int[] a, int[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        if (max == 0)
        {
            return 0;
        }

        var v = new int[(2 * max) + 2];
        for (var d = 0; d <= max; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[max + k] = x;
                if (x >= n && y >= m)
                {
                    return d;
                }
            }
        }

        return max;
    }

    private static List<string> Words(string text) =>
        text.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();

    private static double F1(int common, int extracted, int reference)
    {
        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / extracted;
        var recall = (double)common / reference;
        return 2 * precision * recall / (precision + recall);
    }
}
