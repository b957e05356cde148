using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// Stems a case-folded token by its script: Cyrillic with the Russian Snowball stemmer, Latin with English
/// (Porter2); digits and other scripts pass through. The Snowball stemmers keep state, so each thread gets its own
/// pair; the class is thread-safe.
/// </summary>
internal static class ScriptStemmer
{
    [ThreadStatic]
    private static EnglishStemmer? english;

    [ThreadStatic]
    private static RussianStemmer? russian;

    public static string Stem(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ScriptOf(token) switch
        {
            Script.Cyrillic => Run(russian ??= new RussianStemmer(), token),
            Script.Latin => Run(english ??= new EnglishStemmer(), token),
            _ => token,
        };
    }

    private static string Run(SnowballProgram stemmer, string token)
    {
        stemmer.SetCurrent(token);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static Script ScriptOf(string token)
    {
        foreach (var c in token)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                return Script.Cyrillic;
            }

            if (c is (>= 'a' and <= 'z') or (>= '\u00C0' and <= '\u024F'))
            {
                return Script.Latin;
            }
        }

        return Script.Other;
    }

    private enum Script
    {
        Other,
        Latin,
        Cyrillic,
    }
}
