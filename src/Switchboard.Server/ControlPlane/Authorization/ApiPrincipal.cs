using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>
/// Who is calling the product API or the gateway, as the control plane sees it: a user (access token), an API key
/// acting with its owner's role, or the bootstrap admin key. Built once per snapshot (keys, users) and shared by
/// requests; immutable and thread-safe.
/// </summary>
internal sealed record ApiPrincipal
{
    private static readonly object ItemKey = new();

    public required PrincipalKind Kind { get; init; }

    /// <summary>The tenant the caller acts in; null only for the bootstrap admin key before any tenant exists.</summary>
    public Guid? TenantId { get; init; }

    public string? TenantSlug { get; init; }

    /// <summary>True when the tenant is the operator tenant (the oldest): only its owners and admins hold server-wide permissions.</summary>
    public bool IsOperator { get; init; }

    /// <summary>The logged-in user, or the user owning the key.</summary>
    public Guid? UserId { get; init; }

    public Guid? KeyId { get; init; }

    public Guid? ServiceAccountId { get; init; }

    /// <summary>The team owning the key (team keys only).</summary>
    public Guid? OwnerTeamId { get; init; }

    public required UserRole Role { get; init; }

    /// <summary>The teams the user belongs to (or the owning team of a team key): the knowledge base's groups.</summary>
    public IReadOnlySet<Guid> TeamIds { get; init; } = new HashSet<Guid>();

    /// <summary>The user's display name or the key's name.</summary>
    public required string Name { get; init; }

    /// <summary>The same caller as the gateway sees it (model allow-list, route preference, limits), for model calls.</summary>
    public required GatewayCaller Gateway { get; init; }

    /// <summary>Whether the caller holds <paramref name="permission"/>: its role grants it, and server-wide permissions need the operator tenant.</summary>
    public bool Can(string permission) =>
        Kind == PrincipalKind.BootstrapAdmin
        || (RolePolicy.Grants(Role, permission) && (IsOperator || !Permissions.ServerWide.Contains(permission)));

    /// <summary>The audit log's view of the caller.</summary>
    public AuditActor Actor => Kind switch
    {
        PrincipalKind.User => AuditActor.User(UserId!.Value),
        PrincipalKind.ApiKey => AuditActor.Key(KeyId!.Value.ToString("D")),
        _ => AuditActor.Key(Gateway.KeyId),
    };

    /// <summary>The principal the front door stored for this request, or null.</summary>
    public static ApiPrincipal? Find(HttpContext context) => context.Items[ItemKey] as ApiPrincipal;

    public static ApiPrincipal Get(HttpContext context) =>
        Find(context) ?? throw new InvalidOperationException("No authenticated principal: the endpoint lacks a RequirePermission declaration.");

    public static void Set(HttpContext context, ApiPrincipal principal) => context.Items[ItemKey] = principal;
}
