using System.Runtime.CompilerServices;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers.PlainText;

namespace Switchboard.Knowledge.Readers.Web;

/// <summary>
/// Markdown through Markdig's syntax tree (CommonMark with pipe and grid tables and YAML front matter): headings,
/// paragraphs, list items with their markers, tables as pipe tables, code blocks as Code. The title is the front
/// matter's <c>title:</c>, else the first heading. Stateless and thread-safe.
/// </summary>
internal sealed class MarkdownReader : IDocumentReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseYamlFrontMatter()
        .Build();

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown", ".mdown", ".mkd"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var text = TextDecoder.Decode(StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken)).Text;
        var builder = new DocumentBuilder(limits);
        Walk(builder, Markdown.Parse(text, Pipeline), cancellationToken);
        return builder.Build(fileName);
    }

    private static void Walk(DocumentBuilder builder, IEnumerable<Block> blocks, CancellationToken cancellationToken)
    {
        // Hostile nesting (thousands of "> " or list levels) ends as a read error, not a stack overflow.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var block in blocks)
        {
            if (builder.IsFull)
            {
                return;
            }

            switch (block)
            {
                case YamlFrontMatterBlock yaml:
                    builder.Title = FrontMatterTitle(yaml);
                    break;
                case HeadingBlock heading:
                    builder.Add(BlockKind.Heading, MarkdownInlines.Text(heading.Inline), heading.Level);
                    break;
                case ParagraphBlock paragraph:
                    builder.Add(BlockKind.Paragraph, MarkdownInlines.Text(paragraph.Inline));
                    break;
                case ListBlock list:
                    AddList(builder, list, cancellationToken);
                    break;
                case Table table:
                    AddTable(builder, table);
                    break;
                case CodeBlock code:
                    builder.Add(BlockKind.Code, code.Lines.ToString());
                    break;
                case HtmlBlock html:
                    builder.Add(BlockKind.Paragraph, MarkdownInlines.StripTags(html.Lines.ToString()));
                    break;
                case ContainerBlock inner:
                    Walk(builder, inner, cancellationToken);
                    break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static void AddList(DocumentBuilder builder, ListBlock list, CancellationToken cancellationToken)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "- ";
            var text = string.Join("\n", item.OfType<ParagraphBlock>().Select(p => MarkdownInlines.Text(p.Inline)));
            builder.Add(BlockKind.ListItem, marker + text);
            foreach (var child in item)
            {
                if (child is ListBlock nested)
                {
                    AddList(builder, nested, cancellationToken);
                }
                else if (child is not ParagraphBlock)
                {
                    Walk(builder, [child], cancellationToken);
                }
            }
        }
    }

    private static void AddTable(DocumentBuilder builder, Table table)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in table.OfType<TableRow>())
        {
            rows.Add(row.OfType<TableCell>()
                .Select(cell => string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => MarkdownInlines.Text(p.Inline))))
                .ToList());
        }

        builder.Add(BlockKind.Table, TableText.Render(rows));
    }

    private static string? FrontMatterTitle(YamlFrontMatterBlock yaml)
    {
        foreach (var line in yaml.Lines.ToString().Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("title:", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[6..].Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}
