namespace Switchboard.Server.Web.Markdown;

/// <summary>Where a citation number leads: the document URL (with <c>#page=N</c>) and a title for the tooltip.</summary>
internal sealed record CitationLink(string Url, string Title);
