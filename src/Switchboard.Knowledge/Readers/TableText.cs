using System.Text;

namespace Switchboard.Knowledge.Readers;

/// <summary>
/// Writes rows of cells as a Markdown pipe table: the first row is the header, followed by a <c>| --- |</c> line, one
/// row per line. Cells become single lines with <c>|</c> escaped; short rows are padded to the widest row.
/// </summary>
internal static class TableText
{
    /// <summary>Appends the table to <paramref name="builder"/>; nothing when every cell is empty.</summary>
    public static void Append(StringBuilder builder, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var columns = 0;
        var anyText = false;
        foreach (var row in rows)
        {
            columns = Math.Max(columns, row.Count);
            anyText |= row.Any(c => !string.IsNullOrWhiteSpace(c));
        }

        if (!anyText || columns == 0)
        {
            return;
        }

        for (var r = 0; r < rows.Count; r++)
        {
            AppendRow(builder, rows[r], columns);
            if (r == 0)
            {
                AppendSeparator(builder, columns);
            }
        }

        builder.Length--;
    }

    public static string Render(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder();
        Append(builder, rows);
        return builder.ToString();
    }

    /// <summary>True for the <c>| --- | --- |</c> line under a header.</summary>
    public static bool IsSeparatorLine(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        if (line.Length < 3 || line[0] != '|')
        {
            return false;
        }

        foreach (var c in line)
        {
            if (c is not ('|' or '-' or ':' or ' '))
            {
                return false;
            }
        }

        return line.Contains("---", StringComparison.Ordinal);
    }

    private static void AppendRow(StringBuilder builder, IReadOnlyList<string> row, int columns)
    {
        builder.Append('|');
        for (var c = 0; c < columns; c++)
        {
            builder.Append(' ');
            if (c < row.Count)
            {
                AppendCell(builder, row[c]);
            }

            builder.Append(" |");
        }

        builder.Append('\n');
    }

    private static void AppendSeparator(StringBuilder builder, int columns)
    {
        builder.Append('|');
        for (var c = 0; c < columns; c++)
        {
            builder.Append(" --- |");
        }

        builder.Append('\n');
    }

    private static void AppendCell(StringBuilder builder, string? cell)
    {
        foreach (var c in BlockText.SingleLine(cell))
        {
            if (c == '|')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }
}
