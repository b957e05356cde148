using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Retrieval;

/// <summary>Builds the index's view of a stored document.</summary>
internal static class IndexedDocuments
{
    public static IndexedDocument From(DocumentRecord document) =>
        new(document.Id, document.CollectionId, document.Name, document.Title, document.ReadyVersion,
            new HashSet<string>(document.Tags, StringComparer.Ordinal));
}
