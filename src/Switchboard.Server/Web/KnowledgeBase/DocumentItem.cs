using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Web.KnowledgeBase;

/// <summary>A document row: the stored document, its collection's name, and whether the user may re-index or delete it.</summary>
internal sealed record DocumentItem(DocumentRecord Document, string Collection, bool CanReindex, bool CanDelete)
{
    public bool IsPending => DocumentStatus.IsPending(Document.Status);
}
