namespace Switchboard.Knowledge.Readers;

/// <summary>
/// Recognises a list marker at the start of a line of plain or PDF text: a bullet ("- ", "• "), or "1." / "12)" /
/// "a)" / "(iv)" followed by a space.
/// </summary>
internal static class ListMarker
{
    /// <summary>Characters of the marker including the following space (after leading spaces), or 0 when there is none.</summary>
    public static int Length(ReadOnlySpan<char> line)
    {
        line = line.TrimStart();
        if (line.Length < 3)
        {
            return 0;
        }

        if (line[0] is '-' or '*' or '•' or '◦' or '▪' or '‣' or '–' or '·' && line[1] == ' ')
        {
            return 2;
        }

        var open = line[0] == '(';
        var i = open ? 1 : 0;
        var start = i;
        if (char.IsAsciiDigit(line[i]))
        {
            while (i < line.Length && i - start < 3 && char.IsAsciiDigit(line[i]))
            {
                i++;
            }
        }
        else
        {
            while (i < line.Length && i - start < 4 && (line[i] is 'i' or 'v' or 'x' || (i == start && char.IsAsciiLetterLower(line[i]))))
            {
                i++;
            }
        }

        if (i == start || i + 1 >= line.Length || line[i + 1] != ' ')
        {
            return 0;
        }

        var closes = line[i] == ')' || (!open && line[i] == '.');
        return closes ? i + 2 : 0;
    }
}
