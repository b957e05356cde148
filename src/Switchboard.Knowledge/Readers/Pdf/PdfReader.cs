using System.Globalization;
using System.Text;
using Switchboard.Knowledge.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// PDFs through PdfPig's letters (not its word extraction): letters become fragments (<see cref="FragmentBuilder"/>),
/// fragments are put in reading order by XY-cut so that columns are read one after the other
/// (<see cref="ReadingOrder"/>), lines are joined into paragraphs, list items and headings found by font size
/// (<see cref="PdfParagraphs"/>, <see cref="FontSizes"/>). Every block carries its page number. The title is the
/// document's Title property, else the first heading. An encrypted PDF that needs a password, or one with more than
/// <see cref="ReaderLimits.MaxPages"/> pages, is refused; a page that fails to parse is skipped and counted in the
/// <c>skippedPages</c> metadata. Stateless and thread-safe.
/// </summary>
internal sealed class PdfReader : IDocumentReader
{
    private static readonly ParsingOptions Options = new() { UseLenientParsing = true, SkipMissingFonts = true, ClipPaths = false };

    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var bytes = StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken);
        using var document = Open(bytes);
        var pageCount = document.NumberOfPages;
        if (pageCount > limits.MaxPages)
        {
            throw new DocumentReadException(string.Create(CultureInfo.InvariantCulture,
                $"The PDF has {pageCount:N0} pages, more than the {limits.MaxPages:N0} pages a document may have."));
        }

        var builder = new DocumentBuilder(limits) { Title = Title(document) };
        builder.SetMetadata("author", document.Information.Author);
        builder.SetMetadata("pages", pageCount.ToString(CultureInfo.InvariantCulture));
        var pages = ReadPages(document, limits, builder, cancellationToken);
        var paragraphs = new PdfParagraphs(FontSizes.Measure(pages.Select(p => p.Lines).ToList()));
        for (var i = 0; i < pages.Count && !builder.IsFull; i++)
        {
            paragraphs.Add(builder, pages[i].Lines, i + 1);
            foreach (var other in pages[i].OtherText)
            {
                builder.Add(BlockKind.Paragraph, other, page: i + 1);
            }
        }

        return builder.Build(fileName);
    }

    private static PdfDocument Open(byte[] bytes)
    {
        try
        {
            return PdfDocument.Open(bytes, Options);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentReadException("The PDF is encrypted and needs a password; remove the password and upload it again.", ex);
        }
    }

    private static List<(List<PdfLine> Lines, List<string> OtherText)> ReadPages(
        PdfDocument document, ReaderLimits limits, DocumentBuilder builder, CancellationToken cancellationToken)
    {
        var pages = new List<(List<PdfLine>, List<string>)>(document.NumberOfPages);
        var text = new StringBuilder();
        var fragments = new List<TextFragment>();
        var mathFonts = new TexMathFonts();
        long characters = 0;
        var skipped = 0;
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lines = new List<PdfLine>();
            var other = new List<string>();
            pages.Add((lines, other));
            if (characters > limits.MaxTextCharacters)
            {
                // The builder cuts the text at the limit; later pages would be thrown away anyway.
                continue;
            }

            try
            {
                var page = document.GetPage(number);
                text.Clear();
                fragments.Clear();
                new FragmentBuilder(text, fragments, other, mathFonts).Add(page.Letters);
                ReadingOrder.Lines(fragments, text, lines);
                characters += text.Length;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not PdfDocumentEncryptedException)
            {
                lines.Clear();
                other.Clear();
                skipped++;
            }
        }

        if (skipped == document.NumberOfPages && skipped > 0)
        {
            throw new DocumentReadException("The PDF looks corrupt: none of its pages could be read.");
        }

        builder.SetMetadata("skippedPages", skipped > 0 ? skipped.ToString(CultureInfo.InvariantCulture) : null);
        return pages;
    }

    private static string? Title(PdfDocument document)
    {
        var title = document.Information.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Equals("untitled", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Word's PDF printer names the document after the file.
        const string WordPrefix = "Microsoft Word - ";
        return title.StartsWith(WordPrefix, StringComparison.Ordinal) ? Path.GetFileNameWithoutExtension(title[WordPrefix.Length..]) : title;
    }
}
