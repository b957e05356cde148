using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Switchboard.Knowledge.Documents;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Switchboard.Knowledge.Readers.Office;

/// <summary>
/// PowerPoint presentations (PPTX) through the OpenXml SDK, after the zip-bomb check (<see cref="OfficePackage"/>).
/// Each visible slide is a section: its title placeholder (or "Slide N") as a heading, then the text of its shapes in
/// slide order (bulleted paragraphs as list items, tables as pipe tables), then its speaker notes; every block's Page is
/// the slide number. The title is the document property, else the first slide's title. Stateless and thread-safe.
/// </summary>
internal sealed class PptxReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".pptx", ".pptm", ".ppsx"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        using var package = OfficePackage.Open(content, limits, "PowerPoint", cancellationToken);
        using var document = PresentationDocument.Open(package, false, new OpenSettings { MaxCharactersInPart = limits.MaxDecompressedBytes });
        var presentation = document.PresentationPart ?? throw new DocumentReadException("The PowerPoint file has no presentation.");
        var builder = new DocumentBuilder(limits) { Title = document.PackageProperties.Title };
        builder.SetMetadata("author", document.PackageProperties.Creator);
        var number = 0;
        foreach (var slideId in presentation.Presentation?.SlideIdList?.Elements<P.SlideId>() ?? [])
        {
            number++;
            if (builder.IsFull)
            {
                break;
            }

            if (slideId.RelationshipId?.Value is not { } id || presentation.GetPartById(id) is not SlidePart slide || slide.Slide?.Show?.Value == false)
            {
                continue;
            }

            AddSlide(builder, slide, number);
            cancellationToken.ThrowIfCancellationRequested();
        }

        builder.SetMetadata("slides", number.ToString(CultureInfo.InvariantCulture));
        return builder.Build(fileName);
    }

    private static void AddSlide(DocumentBuilder builder, SlidePart slide, int number)
    {
        var tree = slide.Slide?.CommonSlideData?.ShapeTree;
        var shapes = tree?.Descendants<P.Shape>().ToList() ?? [];
        var title = shapes.FirstOrDefault(IsTitle);
        var titleText = title?.TextBody is { } titleBody ? BlockText.SingleLine(string.Join(" ", titleBody.Elements<A.Paragraph>().Select(Text))) : "";
        builder.Add(BlockKind.Heading, titleText.Length > 0 ? titleText : "Slide " + number.ToString(CultureInfo.InvariantCulture), 1, number);
        foreach (var element in tree?.Descendants() ?? [])
        {
            if (element is P.Shape shape && !ReferenceEquals(shape, title) && shape.TextBody is { } body)
            {
                AddParagraphs(builder, body, number);
            }
            else if (element is A.Table table)
            {
                builder.Add(BlockKind.Table, TableText.Render(Rows(table)), page: number);
            }
        }

        var notes = slide.NotesSlidePart?.NotesSlide?.CommonSlideData?.ShapeTree?.Descendants<P.Shape>()
            .Where(s => Placeholder(s) == P.PlaceholderValues.Body)
            .Select(s => s.TextBody is { } b ? string.Join("\n", b.Elements<A.Paragraph>().Select(Text)) : "")
            .Where(t => !string.IsNullOrWhiteSpace(t));
        var noteText = notes is null ? "" : string.Join("\n", notes);
        if (noteText.Length > 0)
        {
            builder.Add(BlockKind.Paragraph, "Speaker notes: " + noteText, page: number);
        }
    }

    private static void AddParagraphs(DocumentBuilder builder, OpenXmlElement body, int number)
    {
        foreach (var paragraph in body.Elements<A.Paragraph>())
        {
            var text = Text(paragraph);
            var properties = paragraph.ParagraphProperties;
            var bulleted = properties?.GetFirstChild<A.CharacterBullet>() is not null || properties?.GetFirstChild<A.AutoNumberedBullet>() is not null;
            if (bulleted)
            {
                builder.Add(BlockKind.ListItem, "- " + text, page: number);
            }
            else
            {
                builder.Add(BlockKind.Paragraph, text, page: number);
            }
        }
    }

    private static bool IsTitle(P.Shape shape) => Placeholder(shape) is { } type && (type == P.PlaceholderValues.Title || type == P.PlaceholderValues.CenteredTitle);

    private static P.PlaceholderValues? Placeholder(P.Shape shape) =>
        shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value;

    private static string Text(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            if (element is A.Text t)
            {
                text.Append(t.Text);
            }
            else if (element is A.Break)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static List<IReadOnlyList<string>> Rows(A.Table table) =>
        table.Elements<A.TableRow>()
            .Select(row => (IReadOnlyList<string>)row.Elements<A.TableCell>()
                .Select(cell => cell.TextBody is { } body ? string.Join(" ", body.Elements<A.Paragraph>().Select(Text)) : "")
                .ToList())
            .ToList();
}
