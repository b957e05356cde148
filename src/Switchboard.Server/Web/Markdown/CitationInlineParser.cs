using Markdig.Helpers;
using Markdig.Parsers;

namespace Switchboard.Server.Web.Markdown;

/// <summary>
/// Parses <c>[1]</c>…<c>[999]</c> as <see cref="CitationInline"/>. A bracket followed by <c>(</c> is left to the link
/// parser, so <c>[1](https://…)</c> stays a link; <c>[1][2]</c> is two citations.
/// </summary>
internal sealed class CitationInlineParser : InlineParser
{
    public CitationInlineParser()
    {
        OpeningCharacters = ['['];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var start = slice.Start;
        var i = start + 1;
        var number = 0;
        while (i <= slice.End && i - start <= 3 && char.IsAsciiDigit(slice.Text[i]))
        {
            number = (number * 10) + (slice.Text[i] - '0');
            i++;
        }

        if (i == start + 1 || i > slice.End || slice.Text[i] != ']' || (i + 1 <= slice.End && slice.Text[i + 1] == '('))
        {
            return false;
        }

        processor.Inline = new CitationInline { Number = number };
        slice.Start = i + 1;
        return true;
    }
}
