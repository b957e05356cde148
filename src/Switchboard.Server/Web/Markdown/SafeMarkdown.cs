using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Switchboard.Server.Web.Markdown;

/// <summary>
/// Turns model output into HTML that is safe to put on the page: raw HTML is not recognised (it is shown as text),
/// links may only point to http, https, mailto or relative targets and open in a new tab without an opener, images are
/// shown as links (no request leaves the browser because a model wrote an image), code is escaped and highlighted,
/// and <c>[n]</c> becomes a link to source n. Renders top-level blocks separately, so a streamed answer re-sends only
/// the block that grew. Thread-safe.
/// </summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = CreatePipeline();

    /// <summary>The HTML of each top-level block of <paramref name="markdown"/>.</summary>
    public static IReadOnlyList<string> RenderBlocks(string markdown, IReadOnlyDictionary<int, CitationLink>? citations = null, string copyLabel = "Copy")
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        Sanitize(document);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightedCodeBlockRenderer(copyLabel));
        renderer.ObjectRenderers.Add(new CitationHtmlRenderer(citations ?? new Dictionary<int, CitationLink>()));
        var blocks = new List<string>(document.Count);
        foreach (var block in document)
        {
            if (block is LinkReferenceDefinitionGroup)
            {
                continue;
            }

            writer.GetStringBuilder().Clear();
            renderer.Render(block);
            writer.Flush();
            blocks.Add(writer.ToString());
        }

        return blocks;
    }

    /// <summary>The whole document as one HTML string.</summary>
    public static string ToHtml(string markdown, IReadOnlyDictionary<int, CitationLink>? citations = null, string copyLabel = "Copy") =>
        string.Concat(RenderBlocks(markdown, citations, copyLabel));

    private static MarkdownPipeline CreatePipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UsePipeTables()
            .UseEmphasisExtras()
            .UseTaskLists()
            .UseAutoLinks();
        builder.InlineParsers.InsertBefore<LinkInlineParser>(new CitationInlineParser());
        return builder.Build();
    }

    private static void Sanitize(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            // An image a model wrote would be fetched by the browser (a way to leak the page's content); show it as a link.
            link.IsImage = false;
            if (!SafeUrls.IsSafe(link.Url))
            {
                link.Url = "";
            }

            var attributes = link.GetAttributes();
            attributes.AddPropertyIfNotExist("target", "_blank");
            attributes.AddPropertyIfNotExist("rel", "noopener noreferrer nofollow");
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!SafeUrls.IsSafe(link.Url))
            {
                link.Url = "";
            }
        }
    }
}
