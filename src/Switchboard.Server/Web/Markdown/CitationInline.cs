using Markdig.Syntax.Inlines;

namespace Switchboard.Server.Web.Markdown;

/// <summary>A <c>[n]</c> marker in an answer: a reference to the answer's source number <see cref="Number"/>.</summary>
internal sealed class CitationInline : LeafInline
{
    public int Number { get; set; }
}
