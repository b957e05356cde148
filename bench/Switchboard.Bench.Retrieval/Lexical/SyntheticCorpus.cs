using System.Text;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Bench.Retrieval.Lexical;

/// <summary>
/// Seeded synthetic chunks for the lexical benchmark: a title (3–8 words), a section path (2–5 words) and a body of
/// ~200 words (180–220), drawn from a Zipf-distributed vocabulary (exponent 1, as natural text) of distinct
/// pseudo-words; a share of chunks and queries is Russian, drawn from a Cyrillic vocabulary with Russian endings so
/// the Russian stemmer works on them. Chunk <c>i</c> is the same on every run and thread. Thread-safe (immutable).
/// </summary>
internal sealed class SyntheticCorpus
{
    private static readonly string[] RussianEndings = ["а", "ы", "ой", "ами", "ов", "ого", "ему", "ая", "ые", "ить", "ет", "ение"];
    private readonly string[] _english;
    private readonly string[] _russian;
    private readonly double[] _englishCdf;
    private readonly double[] _russianCdf;
    private readonly double _russianShare;
    private readonly int _seed;

    public SyntheticCorpus(int vocabulary, double russianShare, int seed)
    {
        _english = [.. Enumerable.Range(0, vocabulary).Select(i => Word(i, "bcdfghjklmnprstvwz", "aeiou"))];
        _russian = [.. Enumerable.Range(0, Math.Max(100, vocabulary / 5)).Select(i => Word(i, "бвгдзклмнпрстфх", "аеиоу") + RussianEndings[i % RussianEndings.Length])];
        _englishCdf = ZipfCdf(_english.Length);
        _russianCdf = ZipfCdf(_russian.Length);
        _russianShare = russianShare;
        _seed = seed;
    }

    public LexicalFields Chunk(int index)
    {
        var random = new Random(HashCode.Combine(_seed, index));
        var russian = random.NextDouble() < _russianShare;
        return new LexicalFields(Text(random, russian, 3, 8), Text(random, russian, 2, 5), Text(random, russian, 180, 220));
    }

    public string Query(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Text(random, random.NextDouble() < _russianShare, 2, 8);
    }

    private string Text(Random random, bool russian, int minWords, int maxWords)
    {
        var (words, cdf) = russian ? (_russian, _russianCdf) : (_english, _englishCdf);
        var count = random.Next(minWords, maxWords + 1);
        var text = new StringBuilder(count * 8);
        for (var i = 0; i < count; i++)
        {
            var rank = Array.BinarySearch(cdf, random.NextDouble());
            text.Append(words[Math.Min(words.Length - 1, rank < 0 ? ~rank : rank)]).Append(' ');
        }

        return text.ToString();
    }

    private static double[] ZipfCdf(int count)
    {
        var cdf = new double[count];
        var sum = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            sum += 1.0 / (rank + 1);
            cdf[rank] = sum;
        }

        for (var rank = 0; rank < count; rank++)
        {
            cdf[rank] /= sum;
        }

        return cdf;
    }

    /// <summary>A distinct pronounceable word for every <paramref name="i"/>: its digits in a consonant-vowel base.</summary>
    private static string Word(int i, string consonants, string vowels)
    {
        var word = new StringBuilder();
        var n = i + consonants.Length;
        do
        {
            word.Append(consonants[n % consonants.Length]).Append(vowels[n / consonants.Length % vowels.Length]);
            n /= consonants.Length * vowels.Length;
        }
        while (n > 0);
        return word.ToString();
    }
}
