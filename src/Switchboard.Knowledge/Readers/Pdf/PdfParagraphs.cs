using System.Text;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// Joins a page's lines (in reading order) into blocks. A line continues the current block when it has the same
/// heading level, lies below the previous line by no more than 1.35 line pitches, overlaps the block horizontally,
/// and does not start a list item. A new paragraph also starts at a first-line indent (over 0.8 em) or after a short
/// line ending a sentence. Lines are joined with a space; a word hyphenated at the line end ("Zusammen-" + "hang")
/// is joined back when the next line starts in lower case. One instance per document.
/// </summary>
internal sealed class PdfParagraphs(FontSizes sizes)
{
    private const double ParagraphGap = 1.35;

    public void Add(DocumentBuilder builder, List<PdfLine> lines, int page)
    {
        Block? block = null;
        foreach (var line in lines)
        {
            var level = sizes.HeadingLevel(line);
            var item = level == 0 && ListMarker.Length(line.Text) > 0;
            if (block is not null && Continues(block, line, level, item))
            {
                block.Append(line);
                continue;
            }

            block?.AddTo(builder, page);
            block = new Block(level, item, line);
        }

        block?.AddTo(builder, page);
    }

    private bool Continues(Block block, PdfLine line, int level, bool item)
    {
        var last = block.Last;
        var size = Math.Max(line.Size, last.Size);
        var drop = last.Baseline - line.Baseline;
        if (level != block.Level || item)
        {
            return false;
        }

        // A piece of the same visual line further right (a cell, an equation number).
        if (Math.Abs(drop) < 0.3 * size)
        {
            return line.Left >= last.Right - size;
        }

        if (drop < 0 || drop > ParagraphGap * sizes.Pitch * size || line.Left >= block.Right || line.Right <= block.Left)
        {
            return false;
        }

        if (block.IsItem || level > 0)
        {
            return line.Left > block.First.Left + (0.3 * size);
        }

        var indented = line.Left > block.Left + (0.8 * size);
        var shortEnd = block.Lines > 1 && last.Right < block.Right - (2 * size) && EndsSentence(last.Text);
        return !indented && !shortEnd;
    }

    private static bool EndsSentence(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' or ':' or '"' or '»' or '“';

    /// <summary>A block being assembled from lines.</summary>
    private sealed class Block(int level, bool isItem, PdfLine first)
    {
        private readonly StringBuilder _text = new(first.Text);

        public int Level { get; } = level;

        public bool IsItem { get; } = isItem;

        public PdfLine First { get; } = first;

        public PdfLine Last { get; private set; } = first;

        public int Lines { get; private set; } = 1;

        public double Left { get; private set; } = first.Left;

        public double Right { get; private set; } = first.Right;

        public void Append(PdfLine line)
        {
            var text = line.Text;
            // A line-end hyphen joins the word halves. Which code point a font's hyphen maps to varies (ASCII '-', the
            // soft hyphen U+00AD, U+2010): with Arial substituted by Liberation Sans, the same PDF yields the soft one.
            if (_text.Length > 1 && _text[^1] is '-' or '\u00AD' or '\u2010' && char.IsLetter(_text[^2]) && text.Length > 0 && char.IsLower(text[0]))
            {
                _text.Length--;
            }
            else
            {
                _text.Append(' ');
            }

            _text.Append(text);
            Last = line;
            Lines++;
            Left = Math.Min(Left, line.Left);
            Right = Math.Max(Right, line.Right);
        }

        public void AddTo(DocumentBuilder builder, int page)
        {
            var kind = Level > 0 ? BlockKind.Heading : IsItem ? BlockKind.ListItem : BlockKind.Paragraph;
            builder.Add(kind, _text.ToString(), Level, page);
        }
    }
}
