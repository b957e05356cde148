using System.Text;
using UglyToad.PdfPig;

namespace Switchboard.Bench.Knowledge.Pdf;

/// <summary>
/// The baseline our reader replaced: PdfPig's default word extraction (<c>page.GetWords()</c>, nearest-neighbour
/// words in PdfPig's order), words joined by spaces, pages by blank lines. No reading-order or layout work.
/// </summary>
internal static class PdfPigWordsExtractor
{
    public static string Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            foreach (var word in page.GetWords())
            {
                text.Append(word.Text).Append(' ');
            }

            text.Append("\n\n");
        }

        return text.ToString();
    }
}
