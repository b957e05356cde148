using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Access;

/// <summary>
/// Who is asking, as the knowledge base sees it: a tenant, a principal (user or key id), the groups it belongs to,
/// and whether it administers the tenant. Collection access is decided here and nowhere else. Immutable.
/// </summary>
internal sealed record KnowledgeCaller(string Tenant, string Principal, IReadOnlySet<string> Groups, bool IsAdmin)
{
    /// <summary>The group that means "everyone in the tenant".</summary>
    public const string Everyone = "everyone";

    /// <summary>The front door's identity of the caller (e.g. its API key), handed back to model calls so its rights apply; opaque here.</summary>
    public object? Origin { get; init; }

    /// <summary>The knowledge base itself (ingestion embeddings): admin of <paramref name="tenant"/>.</summary>
    public static KnowledgeCaller System(string tenant) => new(tenant, "system", new HashSet<string>(), IsAdmin: true);

    /// <summary>May search, read and upload into the collection: its tenant's admins, its owner, members of its groups.</summary>
    public bool CanUse(CollectionRecord collection) =>
        collection.Tenant == Tenant
        && (IsAdmin || collection.Owner == Principal || collection.Groups.Contains(Everyone) || collection.Groups.Any(Groups.Contains));

    /// <summary>May change the collection's settings or delete it: its owner and tenant admins.</summary>
    public bool CanManage(CollectionRecord collection) => collection.Tenant == Tenant && (IsAdmin || collection.Owner == Principal);
}
