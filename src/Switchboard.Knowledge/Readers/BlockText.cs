using System.Text;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers;

/// <summary>Normalises the text readers put into blocks, so every format yields the same shape of text.</summary>
internal static class BlockText
{
    private const int MaxHeadingLength = 300;

    /// <summary>
    /// Unifies line ends, drops control characters (keeping tab and line feed) and trims. Headings become one line;
    /// prose keeps its line breaks but not trailing spaces; code and tables keep their inner layout.
    /// </summary>
    public static string Clean(string? text, BlockKind kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        if (kind == BlockKind.Heading)
        {
            var line = SingleLine(text);
            return line.Length <= MaxHeadingLength ? line : CutAtWord(line, MaxHeadingLength);
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpaces = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                c = '\n';
            }

            if (c is ' ' or '\t' && kind is not BlockKind.Code)
            {
                pendingSpaces++;
                continue;
            }

            if (c != '\n' && c != '\t' && (char.IsControl(c) || c == '\uFEFF'))
            {
                continue;
            }

            if (c != '\n' && pendingSpaces > 0)
            {
                builder.Append(' ');
            }

            pendingSpaces = 0;
            builder.Append(c);
        }

        return builder.ToString().Trim();
    }

    /// <summary>Whitespace runs (line breaks included) become one space.</summary>
    public static string SingleLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The longest prefix of at most <paramref name="length"/> characters that ends at whitespace when there is any.</summary>
    public static string CutAtWord(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = length;
        while (cut > length / 2 && !char.IsWhiteSpace(text[cut]))
        {
            cut--;
        }

        if (cut <= length / 2)
        {
            cut = length;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd();
    }
}
