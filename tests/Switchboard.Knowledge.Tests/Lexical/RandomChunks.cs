using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

/// <summary>Seeded synthetic chunks: words from a small Zipf-like vocabulary, in title, section and body.</summary>
internal sealed class RandomChunks(int seed, int vocabulary = 400)
{
    private readonly Random _random = new(seed);
    private readonly string[] _words = [.. Enumerable.Range(0, vocabulary).Select(Word)];

    public LexicalFields Next() => new(
        _random.Next(4) == 0 ? null : Text(2 + _random.Next(4)),
        _random.Next(3) == 0 ? null : Text(1 + _random.Next(3)),
        Text(20 + _random.Next(60)));

    public string Query() => Text(1 + _random.Next(4));

    private string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => _words[Zipf()]));

    /// <summary>Rank r with probability ∝ 1 / (r + 1): a few very common words, a long tail of rare ones.</summary>
    private int Zipf() => Math.Min(_words.Length - 1, (int)Math.Exp(_random.NextDouble() * Math.Log(_words.Length + 1)) - 1);

    /// <summary>Pronounceable, unique, and left alone by the English stemmer (consonant-vowel pairs, no suffixes).</summary>
    private static string Word(int i)
    {
        const string consonants = "bdfgklmnpqrtvz";
        const string vowels = "aiou";
        var chars = new List<char>();
        for (var n = i + consonants.Length; n > 0; n /= consonants.Length * vowels.Length)
        {
            chars.Add(consonants[n % consonants.Length]);
            chars.Add(vowels[n / consonants.Length % vowels.Length]);
        }

        return "x" + new string([.. chars]) + "k";
    }
}
