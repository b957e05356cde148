using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// Splits plain text into paragraphs at blank lines; a paragraph whose every line starts with a bullet or a number
/// ("- ", "* ", "• ", "1. ", "2) ") becomes one list item per line. Line breaks inside a paragraph are kept.
/// </summary>
internal static class PlainTextBlocks
{
    public static void Add(DocumentBuilder builder, string text, CancellationToken cancellationToken)
    {
        var paragraph = new List<string>();
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            if (!rawLine.IsWhiteSpace())
            {
                paragraph.Add(rawLine.TrimEnd().ToString());
                continue;
            }

            Flush(builder, paragraph);
            if (builder.IsFull)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        Flush(builder, paragraph);
    }

    private static void Flush(DocumentBuilder builder, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        if (lines.TrueForAll(l => ListMarker.Length(l) > 0))
        {
            foreach (var line in lines)
            {
                builder.Add(BlockKind.ListItem, line);
            }
        }
        else
        {
            builder.Add(BlockKind.Paragraph, string.Join('\n', lines));
        }

        lines.Clear();
    }
}
