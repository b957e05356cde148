using Switchboard.Knowledge;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Knowledge.Api;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.KnowledgeBase;

/// <summary>
/// The knowledge-base page's actions, each authorised here on the server: the role (viewers read, members upload and
/// manage their own, admins everything) and the collection's rights. A collection or document the user may not read
/// is reported as missing, as by the API. One per circuit.
/// </summary>
internal sealed class KnowledgeBaseService(
    WebUserAccessor users,
    WebKnowledgeCallers callers,
    KnowledgeStore store,
    DocumentIntake intake,
    KnowledgeSearch search,
    AuditLog audit,
    Func<KnowledgeOptions> options)
{
    /// <summary>Whether vector and hybrid search are possible (an embedding model is configured).</summary>
    public bool HasEmbeddings => options().EmbeddingModel is not null;

    public async Task<IReadOnlyList<CollectionItem>> CollectionsAsync(CancellationToken cancellationToken)
    {
        var (user, caller) = await CallerAsync(WebPermission.ReadKnowledge, cancellationToken).ConfigureAwait(false);
        return [.. store.ListCollections(caller.Tenant).Where(caller.CanUse).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(c => Item(user, caller, c))];
    }

    public async Task<CollectionItem> CreateCollectionAsync(string name, string? description, bool shared, CancellationToken cancellationToken)
    {
        var (user, caller) = await CallerAsync(WebPermission.ManageCollections, cancellationToken).ConfigureAwait(false);
        name = name.Trim();
        if (CollectionEndpoints.ValidateName(name) is { } invalid)
        {
            throw new WebValidationException(invalid);
        }

        var created = store.CreateCollection(caller.Tenant, name, caller.Principal, shared ? [KnowledgeCaller.Everyone] : [],
            string.IsNullOrWhiteSpace(description) ? null : description.Trim());
        return created is null ? throw new WebValidationException($"A collection named '{name}' already exists.") : Item(user, caller, created);
    }

    public async Task DeleteCollectionAsync(string name, CancellationToken cancellationToken)
    {
        var (_, caller) = await CallerAsync(WebPermission.ManageCollections, cancellationToken).ConfigureAwait(false);
        var collection = Readable(caller, name);
        if (!caller.CanManage(collection))
        {
            throw new WebForbiddenException($"Only the owner of '{name}' and administrators may delete it.");
        }

        intake.DeleteCollection(collection);
    }

    public async Task<DocumentPage> DocumentsAsync(string? collection, string? status, string? text, int offset, int limit, CancellationToken cancellationToken)
    {
        var (user, caller) = await CallerAsync(WebPermission.ReadKnowledge, cancellationToken).ConfigureAwait(false);
        var collections = collection is null ? store.ListCollections(caller.Tenant).Where(caller.CanUse).ToList() : [Readable(caller, collection)];
        if (collections.Count == 0)
        {
            return new DocumentPage([], 0);
        }

        var byId = collections.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var (items, total) = store.ListDocuments(new DocumentQuery
        {
            CollectionIds = byId.Keys,
            Status = string.IsNullOrEmpty(status) ? null : status,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            Offset = offset,
            Limit = Math.Clamp(limit, 1, DocumentEndpoints.MaxLimit),
        });
        return new DocumentPage([.. items.Select(d => Item(user, caller, d, byId[d.CollectionId]))], total);
    }

    /// <summary>The documents among <paramref name="ids"/> the user may see (for refreshing upload states).</summary>
    public async Task<IReadOnlyList<DocumentItem>> DocumentsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var (user, caller) = await CallerAsync(WebPermission.ReadKnowledge, cancellationToken).ConfigureAwait(false);
        var items = new List<DocumentItem>(ids.Count);
        foreach (var id in ids)
        {
            if (store.GetDocument(id) is { } document && store.GetCollectionById(document.CollectionId) is { } collection && caller.CanUse(collection))
            {
                items.Add(Item(user, caller, document, collection));
            }
        }

        return items;
    }

    /// <summary>Stores an uploaded file into <paramref name="collection"/> (created, owned by the user, when it does not exist) and queues it.</summary>
    public async Task<DocumentItem> UploadAsync(string collection, string fileName, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        var (user, caller) = await CallerAsync(WebPermission.UploadDocuments, cancellationToken).ConfigureAwait(false);
        if (CollectionEndpoints.ValidateName(collection) is { } invalid)
        {
            throw new WebValidationException(invalid);
        }

        CollectionRecord target;
        try
        {
            target = intake.CollectionForUpload(caller, collection);
        }
        catch (IntakeException ex)
        {
            throw new WebForbiddenException(ex.Message);
        }

        var result = await intake.AddAsync(caller, target, fileName, content, contentType, [], null, cancellationToken).ConfigureAwait(false);
        return Item(user, caller, result.Document, target);
    }

    public async Task ReindexAsync(string documentId, CancellationToken cancellationToken)
    {
        var (user, caller) = await CallerAsync(WebPermission.UploadDocuments, cancellationToken).ConfigureAwait(false);
        var item = Visible(user, caller, documentId);
        if (!item.CanReindex)
        {
            throw new WebValidationException($"'{item.Document.Name}' was rejected at upload; upload it again instead.");
        }

        intake.Reindex(documentId);
    }

    public async Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var (user, caller) = await CallerAsync(WebPermission.ManageDocuments, cancellationToken).ConfigureAwait(false);
        var item = Visible(user, caller, documentId);
        if (!item.CanDelete)
        {
            throw new WebForbiddenException($"Only the uploader of '{item.Document.Name}', the collection's owner and administrators may delete it.");
        }

        intake.Delete(documentId);
        await audit.AppendAsync(new AuditRecord(AuditActor.User(user.UserId), AuditActions.DocumentDeleted, user.TenantId, "document:" + documentId,
            AuditDetails.Of(("name", item.Document.Name), ("collection", item.Collection), ("via", "web"))), CancellationToken.None).ConfigureAwait(false);
    }

    public async Task<SearchResponse> SearchAsync(string query, IReadOnlyList<string>? collections, string? mode, int k, CancellationToken cancellationToken)
    {
        var (_, caller) = await CallerAsync(WebPermission.ReadKnowledge, cancellationToken).ConfigureAwait(false);
        try
        {
            return await search.SearchAsync(caller, new SearchRequest(query, collections is { Count: > 0 } ? collections : null, null, null, k, mode),
                cancellationToken).ConfigureAwait(false);
        }
        catch (SearchException ex)
        {
            throw new WebValidationException(ex.Message);
        }
    }

    private async Task<(WebUser User, KnowledgeCaller Caller)> CallerAsync(WebPermission permission, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(permission, cancellationToken).ConfigureAwait(false);
        return (user, await callers.ForAsync(user, cancellationToken).ConfigureAwait(false));
    }

    private CollectionRecord Readable(KnowledgeCaller caller, string name) =>
        store.GetCollection(caller.Tenant, name) is { } collection && caller.CanUse(collection)
            ? collection
            : throw new WebValidationException($"The collection '{name}' does not exist.");

    private DocumentItem Visible(WebUser user, KnowledgeCaller caller, string documentId)
    {
        var document = store.GetDocument(documentId);
        var collection = document is null ? null : store.GetCollectionById(document.CollectionId);
        return collection is not null && caller.CanUse(collection)
            ? Item(user, caller, document!, collection)
            : throw new WebValidationException($"The document '{documentId}' does not exist.");
    }

    private CollectionItem Item(WebUser user, KnowledgeCaller caller, CollectionRecord collection) =>
        new(collection.Id, collection.Name, collection.Description, collection.Groups.Contains(KnowledgeCaller.Everyone), collection.Owner == caller.Principal,
            store.ListDocuments(new DocumentQuery { CollectionIds = [collection.Id], Limit = 1 }).Total,
            user.Can(WebPermission.UploadDocuments), user.Can(WebPermission.ManageCollections) && caller.CanManage(collection));

    private static DocumentItem Item(WebUser user, KnowledgeCaller caller, DocumentRecord document, CollectionRecord collection) =>
        new(document, collection.Name,
            CanReindex: user.Can(WebPermission.UploadDocuments) && document.ContentHash.Length == 64,
            CanDelete: user.Can(WebPermission.ManageDocuments) && (caller.CanManage(collection) || document.UploadedBy == caller.Principal));
}
