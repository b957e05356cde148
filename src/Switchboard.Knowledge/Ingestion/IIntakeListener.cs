using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Ingestion;

/// <summary>
/// Told by <see cref="DocumentIntake"/> about deletions that happened, so the host can record them (the server's audit
/// log) without the knowledge base depending on it. Called after the change, on the deleting thread; must not throw.
/// </summary>
internal interface IIntakeListener
{
    void DocumentDeleted(KnowledgeCaller caller, DocumentRecord document);

    void CollectionDeleted(KnowledgeCaller caller, CollectionRecord collection, int documents);
}
