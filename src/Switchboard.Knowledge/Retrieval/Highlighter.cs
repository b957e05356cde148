using System.Net;
using System.Text;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Retrieval;

/// <summary>
/// Marks the words of a passage that match the query's terms (same analysis as the index: stop words dropped,
/// stems compared, so «паролями» marks «Пароль») and cuts a snippet around the densest matches. Output is HTML:
/// every character of the passage is escaped, only the <c>&lt;mark&gt;</c> tags are ours. Stateless and thread-safe.
/// </summary>
internal static class Highlighter
{
    public const int SnippetCharacters = 320;

    /// <summary>The distinct content terms of <paramref name="query"/> as the index sees them (stemmed; stop and question words dropped).</summary>
    public static HashSet<string> QueryTerms(string query)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Tokenizer.Tokenize(query))
        {
            if (!StopWords.Contains(token) && !QuestionWords.Contains(token))
            {
                terms.Add(ScriptStemmer.Stem(token));
            }
        }

        return terms;
    }

    /// <summary>The snippet HTML and the share of <paramref name="terms"/> found anywhere in <paramref name="text"/>.</summary>
    public static (string Html, double Coverage) Highlight(string text, IReadOnlySet<string> terms)
    {
        var matches = new List<(int Start, int Length)>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.IsSurrogate(text[i])))
            {
                i++;
            }

            if (terms.Count > 0 && Term(text.AsSpan(start, i - start)) is { } term && terms.Contains(term))
            {
                matches.Add((start, i - start));
                found.Add(term);
            }
        }

        var (from, to) = Window(text, matches);
        var html = new StringBuilder(to - from + 64);
        if (from > 0)
        {
            html.Append('…');
        }

        var position = from;
        foreach (var (start, length) in matches)
        {
            if (start < from || start + length > to)
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(text[position..start])).Append("<mark>").Append(WebUtility.HtmlEncode(text.Substring(start, length)))
                .Append("</mark>");
            position = start + length;
        }

        html.Append(WebUtility.HtmlEncode(text[position..to]));
        if (to < text.Length)
        {
            html.Append('…');
        }

        return (html.ToString(), terms.Count == 0 ? 0 : (double)found.Count / terms.Count);
    }

    private static string? Term(ReadOnlySpan<char> word)
    {
        var tokens = Tokenizer.Tokenize(word.ToString());
        return tokens.Count == 1 && !StopWords.Contains(tokens[0]) ? ScriptStemmer.Stem(tokens[0]) : null;
    }

    /// <summary>The snippet range: the window with the most matches, widened to word boundaries.</summary>
    private static (int From, int To) Window(string text, List<(int Start, int Length)> matches)
    {
        if (text.Length <= SnippetCharacters)
        {
            return (0, text.Length);
        }

        var bestStart = 0;
        var bestCount = 0;
        var left = 0;
        for (var right = 0; right < matches.Count; right++)
        {
            while (matches[right].Start - matches[left].Start > SnippetCharacters * 2 / 3)
            {
                left++;
            }

            if (right - left + 1 > bestCount)
            {
                bestCount = right - left + 1;
                bestStart = matches[left].Start;
            }
        }

        var from = Math.Max(0, bestStart - (SnippetCharacters / 6));
        while (from > 0 && !char.IsWhiteSpace(text[from - 1]))
        {
            from--;
        }

        var to = Math.Min(text.Length, from + SnippetCharacters);
        while (to < text.Length && !char.IsWhiteSpace(text[to]))
        {
            to++;
        }

        return (from, to);
    }
}
