using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.Web;

/// <summary>
/// HTML pages. The main content is read: the <c>&lt;main&gt;</c> element (or <c>role="main"</c>), else a single
/// <c>&lt;article&gt;</c>, else the body without its page header, footer, navigation and asides; see
/// <see cref="HtmlBlockWalker"/> for the blocks. The title is <c>&lt;title&gt;</c>, else the first heading. AngleSharp
/// detects the charset (BOM, <c>&lt;meta charset&gt;</c>). Stateless and thread-safe.
/// </summary>
internal sealed class HtmlReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var bytes = StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken);
        using var memory = new MemoryStream(bytes, writable: false);
        using var document = new HtmlParser().ParseDocument(memory);
        return Read(document, fileName, limits, cancellationToken);
    }

    /// <summary>Reads markup already decoded to text (an e-mail's HTML part).</summary>
    public static ParsedDocument ReadMarkup(string html, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        using var document = new HtmlParser().ParseDocument(html);
        return Read(document, fileName, limits, cancellationToken);
    }

    private static ParsedDocument Read(IDocument document, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var builder = new DocumentBuilder(limits) { Title = document.Title };
        builder.SetMetadata("description", document.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        var main = document.QuerySelector("main, [role=main]");
        var articles = main is null ? document.QuerySelectorAll("article") : null;
        var root = main ?? (articles?.Length == 1 ? articles[0] : null);
        var walker = new HtmlBlockWalker(builder, skipPageChrome: root is null, cancellationToken);
        walker.Walk(root ?? (INode?)document.Body ?? document);
        walker.Finish();
        return builder.Build(fileName);
    }
}
