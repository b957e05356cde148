namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// The lexical pipeline shared by indexing and querying, so both sides produce the same terms: tokenise, drop stop
/// words, stem by script. Stateless and thread-safe.
/// </summary>
internal static class TextAnalyzer
{
    public static List<string> Analyze(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        var terms = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            if (!StopWords.Contains(token))
            {
                terms.Add(ScriptStemmer.Stem(token));
            }
        }

        return terms;
    }
}
