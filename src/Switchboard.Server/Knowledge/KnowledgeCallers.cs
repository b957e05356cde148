using Switchboard.Gateway.Auth;
using Switchboard.Knowledge.Access;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Identity;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// Who calls the knowledge base, from the control plane's principal: the tenant is the caller's tenant id; the
/// principal is the user (for access tokens and user-owned keys — so a person's keys and sessions share their
/// collections and conversations), <c>team:…</c> for team keys, <c>service_account:…</c> for service-account keys and
/// <c>admin</c> for the bootstrap key; the groups are the user's team ids; tenant owners and admins
/// (<see cref="Permissions.KnowledgeManage"/>) administer every collection. Thread-safe.
/// </summary>
internal sealed class KnowledgeCallers(IdentityDirectory directory)
{
    public static KnowledgeCaller Of(ApiPrincipal principal)
    {
        var groups = new HashSet<string>(principal.TeamIds.Select(t => t.ToString("D")), StringComparer.Ordinal);
        return new KnowledgeCaller(principal.TenantId?.ToString("D") ?? "", PrincipalId(principal), groups, principal.Can(Permissions.KnowledgeManage))
        {
            Origin = principal.Gateway,
        };
    }

    /// <summary>The knowledge caller of a <c>/v1</c> request (the <c>kb/</c> models), found through its key; null for callers the control plane does not know.</summary>
    public KnowledgeCaller? Of(GatewayCaller caller)
    {
        var snapshot = directory.Current;
        var principal = caller.KeyId == IdentitySnapshot.BootstrapKeyId && caller.IsAdmin ? snapshot.Bootstrap : snapshot.KeyById(caller.KeyId)?.Principal;
        return principal is { TenantId: not null } ? Of(principal) with { Origin = caller } : null;
    }

    public static GatewayCaller? GatewayCallerOf(KnowledgeCaller caller) => caller.Origin as GatewayCaller;

    private static string PrincipalId(ApiPrincipal principal) => principal switch
    {
        { UserId: { } user } => user.ToString("D"),
        { OwnerTeamId: { } team } => "team:" + team.ToString("D"),
        { ServiceAccountId: { } account } => "service_account:" + account.ToString("D"),
        _ => principal.Gateway.KeyId,
    };
}
