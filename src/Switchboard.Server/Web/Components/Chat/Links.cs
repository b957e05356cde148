using System.Globalization;
using Switchboard.Server.Web.Markdown;

namespace Switchboard.Server.Web.Components.Chat;

/// <summary>Links the pages show: documents open through the session-checked <c>/files/{id}</c> route, at the cited page.</summary>
internal static class Links
{
    public static string File(string documentId, int? page = null) =>
        $"/files/{Uri.EscapeDataString(documentId)}" + (page is { } p ? "#page=" + p.ToString(CultureInfo.InvariantCulture) : "");

    public static string File(SourceView citation) => File(citation.DocumentId, citation.PageStart);

    public static IReadOnlyDictionary<int, CitationLink> Citations(IReadOnlyList<SourceView> citations) =>
        citations.GroupBy(c => c.Number).ToDictionary(g => g.Key, g => new CitationLink(File(g.First()), Title(g.First())));

    public static string Title(SourceView citation) =>
        (citation.Title ?? citation.DocumentName) + (citation.PageStart is { } page ? $", p. {page.ToString(CultureInfo.InvariantCulture)}" : "");
}
