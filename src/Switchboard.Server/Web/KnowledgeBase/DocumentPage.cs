namespace Switchboard.Server.Web.KnowledgeBase;

/// <summary>One page of a document list and how many documents match in all.</summary>
internal sealed record DocumentPage(IReadOnlyList<DocumentItem> Items, int Total);
