using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Store;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.Knowledge;

/// <summary>Writes the knowledge base's deletions to the audit log (<c>document.deleted</c>, <c>collection.deleted</c>). Thread-safe.</summary>
internal sealed class KnowledgeAuditListener(AuditLog audit) : IIntakeListener
{
    public void DocumentDeleted(KnowledgeCaller caller, DocumentRecord document) =>
        Append(caller, AuditActions.DocumentDeleted, document.Tenant, $"document:{document.Id}",
            AuditDetails.Of(("name", document.Name), ("collection_id", document.CollectionId)));

    public void CollectionDeleted(KnowledgeCaller caller, CollectionRecord collection, int documents) =>
        Append(caller, AuditActions.CollectionDeleted, collection.Tenant, $"collection:{collection.Id}",
            AuditDetails.Of(("name", collection.Name), ("documents", documents.ToString(System.Globalization.CultureInfo.InvariantCulture))));

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
