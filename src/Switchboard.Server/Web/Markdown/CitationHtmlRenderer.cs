using System.Globalization;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Switchboard.Server.Web.Markdown;

/// <summary>Renders a citation as a link to its source (opening the document at the page), or as plain text when there is no such source.</summary>
internal sealed class CitationHtmlRenderer(IReadOnlyDictionary<int, CitationLink> links) : HtmlObjectRenderer<CitationInline>
{
    protected override void Write(HtmlRenderer renderer, CitationInline citation)
    {
        var number = citation.Number.ToString(CultureInfo.InvariantCulture);
        if (!links.TryGetValue(citation.Number, out var link))
        {
            renderer.Write('[').Write(number).Write(']');
            return;
        }

        renderer.Write("<a class=\"sb-cite\" target=\"_blank\" rel=\"noopener noreferrer\" data-cite=\"").Write(number).Write("\" href=\"");
        renderer.WriteEscapeUrl(link.Url);
        renderer.Write("\" title=\"");
        renderer.WriteEscape(link.Title);
        renderer.Write("\">").Write(number).Write("</a>");
    }
}
