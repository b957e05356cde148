using System.Runtime.CompilerServices;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.Office;

/// <summary>
/// Word documents (DOCX) through the OpenXml SDK, after the zip-bomb check (<see cref="OfficePackage"/>). The body in
/// order: headings from paragraph styles (<see cref="WordStyles"/>), list paragraphs as "- " items, tables as pipe
/// tables (row by row), content controls opened up. Headers, footers, footnotes and comments are left out. The title
/// is the document property, else the first heading. Stateless and thread-safe.
/// </summary>
internal sealed class DocxReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx", ".docm", ".dotx"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        using var package = OfficePackage.Open(content, limits, "Word", cancellationToken);
        using var document = WordprocessingDocument.Open(package, false, new OpenSettings { MaxCharactersInPart = limits.MaxDecompressedBytes });
        var main = document.MainDocumentPart ?? throw new DocumentReadException("The Word file has no document body.");
        var builder = new DocumentBuilder(limits) { Title = document.PackageProperties.Title };
        builder.SetMetadata("author", document.PackageProperties.Creator);
        var body = main.Document?.Body;
        if (body is not null)
        {
            Walk(builder, body, WordStyles.Load(main), cancellationToken);
        }

        return builder.Build(fileName);
    }

    private static void Walk(DocumentBuilder builder, OpenXmlElement container, WordStyles styles, CancellationToken cancellationToken)
    {
        // Content controls nest; absurd nesting ends as a read error, not a stack overflow.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var element in container.ChildElements)
        {
            if (builder.IsFull)
            {
                return;
            }

            switch (element)
            {
                case Paragraph paragraph:
                    AddParagraph(builder, paragraph, styles);
                    break;
                case Table table:
                    builder.Add(BlockKind.Table, TableText.Render(Rows(table)));
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is { } sdtContent:
                    Walk(builder, sdtContent, styles, cancellationToken);
                    break;
                case CustomXmlBlock custom:
                    Walk(builder, custom, styles, cancellationToken);
                    break;
            }
        }
    }

    private static void AddParagraph(DocumentBuilder builder, Paragraph paragraph, WordStyles styles)
    {
        var text = Text(paragraph);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var properties = paragraph.ParagraphProperties;
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        var level = properties?.OutlineLevel?.Val?.Value is { } outline && outline < 9 ? Math.Min(outline + 1, 6) : styles.HeadingLevel(styleId);
        if (level > 0)
        {
            builder.Add(BlockKind.Heading, text, level);
        }
        else if (properties?.NumberingProperties?.NumberingId?.Val?.Value is > 0 || styles.IsList(styleId))
        {
            builder.Add(BlockKind.ListItem, "- " + text);
        }
        else
        {
            builder.Add(BlockKind.Paragraph, text);
        }
    }

    private static string Text(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar or PositionalTab:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
            }
        }

        return text.ToString();
    }

    private static List<IReadOnlyList<string>> Rows(Table table)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in table.Descendants<TableRow>())
        {
            if (!ReferenceEquals(row.Ancestors<Table>().First(), table))
            {
                continue;
            }

            var cells = new List<string>();
            foreach (var cell in row.Descendants<TableCell>())
            {
                if (ReferenceEquals(cell.Ancestors<TableRow>().First(), row))
                {
                    cells.Add(string.Join(" ", cell.Descendants<Paragraph>().Select(Text)));
                }
            }

            rows.Add(cells);
        }

        return rows;
    }
}
