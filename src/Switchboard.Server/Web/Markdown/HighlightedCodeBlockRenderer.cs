using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Switchboard.Server.Web.Markdown;

/// <summary>
/// Renders code blocks as a panel: the language, a copy button (handled by <c>web.js</c>, which copies the code's text)
/// and the code highlighted by <see cref="CodeHighlighter"/>.
/// </summary>
internal sealed class HighlightedCodeBlockRenderer(string copyLabel) : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var language = (block as FencedCodeBlock)?.Info?.Trim();
        language = language is { Length: > 0 and <= 20 } && language.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '-' or '_') ? language : null;
        renderer.Write("<div class=\"sb-code\"><div class=\"sb-code-bar\"><span class=\"sb-code-lang\">");
        renderer.WriteEscape(language ?? "");
        renderer.Write("</span><button type=\"button\" class=\"sb-copy\" data-sb-copy=\"code\" title=\"");
        renderer.WriteEscape(copyLabel);
        renderer.Write("\" aria-label=\"");
        renderer.WriteEscape(copyLabel);
        renderer.Write("\">");
        renderer.WriteEscape(copyLabel);
        renderer.Write("</button></div><pre><code>");
        renderer.Write(CodeHighlighter.Highlight(block.Lines.ToString(), language));
        renderer.Write("</code></pre></div>");
    }
}
