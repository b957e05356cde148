using System.Globalization;
using AngleSharp.Dom;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.Web;

/// <summary>
/// Turns an HTML element tree into blocks: h1–h6 headings, paragraphs from block elements (div soup included), list
/// items with "- " or "N. " markers, tables as pipe tables (layout tables — cells holding blocks — are read as
/// content), pre as code. Script, style, navigation, forms and hidden elements are skipped; page headers, footers and
/// asides too when the whole body is read. One instance per document; not thread-safe.
/// </summary>
internal sealed class HtmlBlockWalker(DocumentBuilder builder, bool skipPageChrome, CancellationToken cancellationToken)
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "nav", "aside", "svg", "canvas", "iframe", "object", "embed",
        "button", "select", "textarea", "form", "head", "title", "meta", "link", "dialog", "map", "audio", "video",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "blockquote", "figure", "figcaption", "dd", "dt", "dl", "address",
        "center", "details", "summary", "fieldset", "body", "html", "header", "footer", "caption", "li", "tr", "td", "th",
        "thead", "tbody", "tfoot", "legend", "hgroup",
    };

    /// <summary>Deeper markup (hostile or broken) is read as plain text instead of recursing further.</summary>
    private const int MaxDepth = 256;

    private readonly InlineText _inline = new();
    private string? _itemMarker;
    private int _depth;

    public void Walk(INode parent)
    {
        if (_depth >= MaxDepth)
        {
            _inline.Append(parent.TextContent);
            return;
        }

        _depth++;
        foreach (var child in parent.ChildNodes)
        {
            if (builder.IsFull)
            {
                break;
            }

            Visit(child);
        }

        _depth--;
    }

    public void Finish() => FlushBlock();

    private void Visit(INode node)
    {
        if (node is IText text)
        {
            _inline.Append(text.Data);
            return;
        }

        if (node is not IElement element || IsSkipped(element))
        {
            return;
        }

        var tag = element.LocalName;
        switch (tag)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                FlushBlock();
                builder.Add(BlockKind.Heading, element.TextContent, tag[1] - '0');
                return;
            case "ul" or "ol" or "menu":
                FlushBlock();
                VisitList(element, ordered: tag == "ol");
                return;
            case "table" when !IsLayoutTable(element):
                FlushBlock();
                AddTable(element);
                return;
            case "pre":
                FlushBlock();
                builder.Add(BlockKind.Code, element.TextContent);
                return;
            case "br":
                _inline.LineBreak();
                return;
            case "hr":
                FlushBlock();
                return;
            case "img":
                return;
        }

        if (Blocks.Contains(tag))
        {
            BlockBoundary();
            Walk(element);
            BlockBoundary();
            return;
        }

        Walk(element);
    }

    private bool IsSkipped(IElement element) =>
        Skipped.Contains(element.LocalName)
        || (skipPageChrome && element.LocalName is "header" or "footer")
        || element.HasAttribute("hidden")
        || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
        || (element.GetAttribute("style") is { } style && style.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase));

    /// <summary>Inside a list item, block elements only separate words; elsewhere they end a paragraph.</summary>
    private void BlockBoundary()
    {
        if (_itemMarker is null)
        {
            FlushBlock();
        }
        else
        {
            _inline.Space();
        }
    }

    private void VisitList(IElement list, bool ordered)
    {
        var number = int.TryParse(list.GetAttribute("start"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.Children)
        {
            if (item.LocalName != "li" || IsSkipped(item))
            {
                continue;
            }

            var outer = _itemMarker;
            _itemMarker = ordered ? number.ToString(CultureInfo.InvariantCulture) + ". " : "- ";
            number++;
            Walk(item);
            FlushBlock();
            _itemMarker = outer;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void FlushBlock()
    {
        var text = _inline.Take();
        if (text.Length == 0)
        {
            return;
        }

        if (_itemMarker is null)
        {
            builder.Add(BlockKind.Paragraph, text);
        }
        else
        {
            builder.Add(BlockKind.ListItem, _itemMarker + text);
        }
    }

    private void AddTable(IElement table)
    {
        var caption = table.Children.FirstOrDefault(c => c.LocalName == "caption");
        if (caption is not null)
        {
            builder.Add(BlockKind.Paragraph, caption.TextContent);
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in Rows(table))
        {
            var cells = new List<string>();
            foreach (var cell in row.Children)
            {
                if (cell.LocalName is "td" or "th" && !IsSkipped(cell))
                {
                    cells.Add(cell.TextContent);
                }
            }

            if (cells.Count > 0)
            {
                rows.Add(cells);
            }
        }

        builder.Add(BlockKind.Table, TableText.Render(rows));
    }

    private static IEnumerable<IElement> Rows(IElement table)
    {
        foreach (var child in table.Children)
        {
            if (child.LocalName == "tr")
            {
                yield return child;
            }
            else if (child.LocalName is "thead" or "tbody" or "tfoot")
            {
                foreach (var row in child.Children.Where(r => r.LocalName == "tr"))
                {
                    yield return row;
                }
            }
        }
    }

    /// <summary>A table used for page layout holds paragraphs, lists or other tables in its cells.</summary>
    private static bool IsLayoutTable(IElement table) =>
        table.QuerySelector("td table, td p, td div, td ul, td ol, td h1, td h2, td h3, th table") is not null;
}
