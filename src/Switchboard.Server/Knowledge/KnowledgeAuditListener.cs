using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Store;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// Writes the knowledge base's deletions (<c>document.deleted</c>, <c>collection.deleted</c>) and openings of original
/// files (<c>document.opened</c>) to the audit log. Thread-safe.
/// </summary>
internal sealed class KnowledgeAuditListener(AuditLog audit) : IIntakeListener
{
    public void DocumentDeleted(KnowledgeCaller caller, DocumentRecord document) =>
        Append(caller, AuditActions.DocumentDeleted, document.Tenant, $"document:{document.Id}",
            AuditDetails.Of(("name", document.Name), ("collection_id", document.CollectionId)));

    public void CollectionDeleted(KnowledgeCaller caller, CollectionRecord collection, int documents) =>
        Append(caller, AuditActions.CollectionDeleted, collection.Tenant, $"collection:{collection.Id}",
            AuditDetails.Of(("name", collection.Name), ("documents", documents.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>
    /// Records that <paramref name="caller"/> opened the document's original file. A PDF viewer fetches one file in many
    /// range requests; only the first (no range, or a range from byte 0) counts as an opening.
    /// </summary>
    public void DocumentOpened(KnowledgeCaller caller, DocumentRecord document, HttpRequest request, string via)
    {
        var range = request.Headers.Range.ToString();
        if (range.Length == 0 || range.StartsWith("bytes=0-", StringComparison.Ordinal))
        {
            Append(caller, AuditActions.DocumentOpened, document.Tenant, $"document:{document.Id}",
                AuditDetails.Of(("name", document.Name), ("collection_id", document.CollectionId), ("via", via)));
        }
    }

    private void Append(KnowledgeCaller caller, string action, string tenant, string target, string details)
    {
        var actor = caller.Origin switch
        {
            Gateway.Auth.GatewayCaller { KeyId: var keyId } when keyId.StartsWith("user:", StringComparison.Ordinal) && Guid.TryParse(keyId.AsSpan(5), out var user)
                => AuditActor.User(user),
            Gateway.Auth.GatewayCaller gateway => AuditActor.Key(gateway.KeyId),
            _ => AuditActor.System,
        };
        var tenantId = Guid.TryParse(tenant, out var id) ? id : (Guid?)null;
        // Queued without waiting: the deletion has happened and the request should not wait for the audit writer.
        var queued = audit.AppendAsync(new AuditRecord(actor, action, tenantId, target, details), CancellationToken.None);
        if (!queued.IsCompletedSuccessfully)
        {
            _ = queued.AsTask();
        }
    }
}
