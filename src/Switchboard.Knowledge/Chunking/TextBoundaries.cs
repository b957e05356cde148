namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// Where text may be split, finest last: after a sentence (".", "!", "?", "…" plus closing quotes or brackets, then
/// whitespace) or a line break; at whitespace between words. Positions are absolute offsets into the text.
/// </summary>
internal static class TextBoundaries
{
    /// <summary>Ranges of the sentences (or lines) in [start, end), each trimmed of surrounding whitespace.</summary>
    public static List<(int Start, int End)> Sentences(string text, int start, int end)
    {
        var pieces = new List<(int, int)>();
        var pieceStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            var boundary = c == '\n'
                || (c is '.' or '!' or '?' or '…' && i + 1 < end && (char.IsWhiteSpace(text[i + 1]) || IsCloser(text[i + 1]) && ClosersThenSpace(text, i + 1, end)));
            if (!boundary)
            {
                continue;
            }

            var pieceEnd = i + 1;
            while (pieceEnd < end && IsCloser(text[pieceEnd]))
            {
                pieceEnd++;
            }

            Add(pieces, text, pieceStart, pieceEnd);
            pieceStart = pieceEnd;
            i = pieceEnd - 1;
        }

        Add(pieces, text, pieceStart, end);
        return pieces;
    }

    /// <summary>Ranges of the whitespace-separated words in [start, end).</summary>
    public static List<(int Start, int End)> Words(string text, int start, int end)
    {
        var words = new List<(int, int)>();
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var wordStart = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > wordStart)
            {
                words.Add((wordStart, i));
            }
        }

        return words;
    }

    /// <summary>True when a sentence may start at <paramref name="position"/>: after a sentence end or a line break.</summary>
    public static bool IsSentenceStart(string text, int position)
    {
        var i = position - 1;
        var sawSpace = false;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            if (text[i] == '\n')
            {
                return true;
            }

            sawSpace = true;
            i--;
        }

        while (i >= 0 && IsCloser(text[i]))
        {
            i--;
        }

        return i < 0 || (sawSpace && text[i] is '.' or '!' or '?' or '…');
    }

    private static void Add(List<(int, int)> pieces, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            pieces.Add((start, end));
        }
    }

    private static bool ClosersThenSpace(string text, int i, int end)
    {
        while (i < end && IsCloser(text[i]))
        {
            i++;
        }

        return i == end || char.IsWhiteSpace(text[i]);
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '»' or '”' or '’';
}
