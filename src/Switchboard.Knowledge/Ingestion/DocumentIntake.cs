using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Ingestion;

/// <summary>
/// Accepts files into collections: stores the bytes, registers the document (new, new version, or unchanged),
/// queues the job, and deletes documents from every index. A file that cannot be accepted (too large) becomes a
/// failed document naming the reason, so one bad file never fails the rest of an upload. Deletions are reported to the
/// optional <see cref="IIntakeListener"/>. Thread-safe.
/// </summary>
internal sealed class DocumentIntake(KnowledgeStore store, FileStore files, KnowledgeIndex index, IngestionQueue queue, Func<KnowledgeOptions> options,
    IIntakeListener? listener = null)
{
    /// <summary>The collection <paramref name="name"/> for writing, created (owned by the caller) when it does not exist yet.</summary>
    public CollectionRecord CollectionForUpload(KnowledgeCaller caller, string name)
    {
        var collection = store.GetCollection(caller.Tenant, name)
            ?? store.CreateCollection(caller.Tenant, name, caller.Principal, [])
            ?? store.GetCollection(caller.Tenant, name)!;
        return caller.CanUse(collection)
            ? collection
            : throw new IntakeException(403, $"You do not have access to the collection '{name}'.");
    }

    public async Task<IntakeResult> AddAsync(KnowledgeCaller caller, CollectionRecord collection, string fileName, Stream content, string? contentType,
        IReadOnlyList<string> tags, string? sourceUrl, CancellationToken cancellationToken)
    {
        var settings = options();
        var name = sourceUrl ?? Path.GetFileName(fileName.Replace('\\', '/'));
        var (hash, size) = await files.SaveAsync(content, settings.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        if (hash is null)
        {
            var (rejected, _, _) = store.RegisterUpload(collection, name, "rejected:" + Guid.NewGuid().ToString("N"), size, contentType, tags, sourceUrl,
                caller.Principal);
            var reason = $"The file is larger than the limit of {settings.MaxFileBytes / (1024 * 1024)} MB.";
            store.SetStatus(rejected.Id, rejected.Version, DocumentStatus.Failed, reason);
            return new IntakeResult(store.GetDocument(rejected.Id)!, UploadOutcome.Created);
        }

        var (document, outcome, replaced) = store.RegisterUpload(collection, name, hash, size, contentType, tags, sourceUrl, caller.Principal);
        if (outcome == UploadOutcome.Unchanged)
        {
            if (document.ReadyVersion is not null)
            {
                index.Publish(IndexedDocuments.From(document));
            }
        }
        else
        {
            queue.Enqueue(document.Id);
        }

        if (replaced is not null)
        {
            DropFileIfUnused(replaced);
        }

        return new IntakeResult(document, outcome);
    }

    /// <summary>Queues the document again (e.g. after changing the embedding model).</summary>
    public bool Reindex(string documentId)
    {
        if (!store.Requeue(documentId))
        {
            return false;
        }

        queue.Enqueue(documentId);
        return true;
    }

    /// <summary>
    /// Removes the document from the database, every index and (when no other document shares it) the file store.
    /// <paramref name="caller"/> is who asked (reported to the listener; null: the knowledge base itself).
    /// </summary>
    public bool Delete(string documentId, KnowledgeCaller? caller = null)
    {
        var (document, chunks) = store.DeleteDocument(documentId);
        if (document is null)
        {
            return false;
        }

        index.RemoveDocument(documentId, chunks);
        DropFileIfUnused(document.ContentHash);
        listener?.DocumentDeleted(caller ?? KnowledgeCaller.System(document.Tenant), document);
        return true;
    }

    public void DeleteCollection(CollectionRecord collection, KnowledgeCaller? caller = null)
    {
        var (documents, _) = store.ListDocuments(new DocumentQuery { CollectionIds = [collection.Id], Limit = int.MaxValue });
        var chunks = store.DeleteCollection(collection.Id);
        index.Remove(chunks);
        foreach (var document in documents)
        {
            index.RemoveDocument(document.Id, []);
            DropFileIfUnused(document.ContentHash);
        }

        listener?.CollectionDeleted(caller ?? KnowledgeCaller.System(collection.Tenant), collection, documents.Count);
    }

    private void DropFileIfUnused(string hash)
    {
        if (hash.Length == 64 && !store.IsFileReferenced(hash))
        {
            files.Delete(hash);
        }
    }
}
