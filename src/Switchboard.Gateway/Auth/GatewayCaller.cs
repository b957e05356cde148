namespace Switchboard.Gateway.Auth;

/// <summary>The authenticated caller of a gateway request. Immutable.</summary>
/// <param name="KeyId">Stable id of the API key (never the key itself); used in logs and metrics.</param>
/// <param name="Name">Human-readable key name.</param>
/// <param name="AllowedModels">Aliases this key may use, or null for all of them.</param>
/// <param name="IsAdmin">Acts for the whole server (the bootstrap admin key); role checks are the control plane's (RBAC).</param>
public sealed record GatewayCaller(string KeyId, string Name, IReadOnlySet<string>? AllowedModels, bool IsAdmin = false)
{
    /// <summary>The key's routing preference (<c>x-switchboard-route</c> values); <c>local-only</c> binds every request made with the key.</summary>
    public string? Route { get; init; }

    /// <summary>The tenant the key belongs to (control plane); null for the bootstrap admin key.</summary>
    public string? TenantId { get; init; }

    /// <summary>
    /// The tenant's billing currency (RUB or USD), known with the caller so a tenant's first requests are costed in it
    /// before any usage policy has been loaded; null outside tenants.
    /// </summary>
    public string? Currency { get; init; }

    /// <summary>The team owning the key, or the key owner's team when it has one.</summary>
    public string? TeamId { get; init; }

    /// <summary>The user owning the key (or the logged-in user for JWT callers).</summary>
    public string? UserId { get; init; }

    /// <summary>The role the caller acts with (<c>owner</c>, <c>admin</c>, <c>member</c>, <c>viewer</c>): the key owner's role.</summary>
    public string? Role { get; init; }

    /// <summary>The key's own request limit per minute; null = the tenant's default (enforced by the limits layer).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>The key's own token limit per minute; null = the tenant's default.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Requests the key may have in flight at once; null = the tenant's default.</summary>
    public int? MaxConcurrent { get; init; }

    public bool MayUse(string alias) => AllowedModels is null || AllowedModels.Contains(alias);
}
