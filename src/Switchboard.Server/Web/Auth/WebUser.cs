using System.Globalization;
using System.Security.Claims;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.Web.Auth;

/// <summary>The person behind a web session, read from the session cookie's claims. Immutable.</summary>
internal sealed record WebUser(Guid UserId, Guid TenantId, UserRole Role, string Name, string Email)
{
    /// <summary>
    /// Whether the user may do <paramref name="permission"/>: on the control-plane principal when known (which also applies
    /// the operator-tenant rule of server-wide pages), else by role. For showing and hiding; acting re-checks
    /// (<see cref="WebUserAccessor.RequireAsync"/>).
    /// </summary>
    public bool Can(WebPermission permission) => Identity?.Can(WebPermissions.Of(permission)) ?? WebPermissions.Allows(Role, permission);

    public bool IsAdmin => Role is UserRole.Owner or UserRole.Admin;

    /// <summary>The knowledge base's principal for this user (the same as the control plane's for the user's own keys).</summary>
    public string Principal => UserId.ToString("D");

    /// <summary>The control plane's principal of the user, set once an action has been authorised (<see cref="WebUserAccessor.RequireAsync"/>).</summary>
    public ApiPrincipal? Identity { get; init; }

    /// <summary>
    /// The gateway identity for the user's model calls, the same as an access token of theirs gets: the tenant, team and
    /// user recorded for usage, limits and budgets. Known once an action has been authorised.
    /// </summary>
    public GatewayCaller Gateway => Identity?.Gateway
        ?? throw new InvalidOperationException("The user's principal is known once an action is authorised (WebUserAccessor.RequireAsync).");

    /// <summary>The user of an authenticated session principal, or null when it is not one.</summary>
    public static WebUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ControlPlaneClaims.Subject), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(ControlPlaneClaims.Tenant), out var tenantId)
            || !Enum.TryParse<UserRole>(principal.FindFirstValue(ControlPlaneClaims.Role), ignoreCase: true, out var role))
        {
            return null;
        }

        return new WebUser(userId, tenantId, role, principal.FindFirstValue(ControlPlaneClaims.Name) ?? "",
            principal.FindFirstValue(WebAuth.EmailClaim) ?? "");
    }

    /// <summary>When the session of <paramref name="principal"/> ends, or null when it does not say.</summary>
    public static DateTimeOffset? ExpiresAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(WebAuth.ExpiresClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
