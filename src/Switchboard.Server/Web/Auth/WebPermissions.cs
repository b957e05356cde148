using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.Web.Auth;

/// <summary>
/// The web application's actions in terms of the control plane's one policy table (<see cref="RolePolicy"/>): a page
/// may do exactly what the same user could do through the API. Collection-level rights (owner, groups) come on top
/// (<see cref="Switchboard.Knowledge.Access.KnowledgeCaller"/>).
/// </summary>
internal static class WebPermissions
{
    /// <summary>The API permission an action needs.</summary>
    public static string Of(WebPermission permission) => permission switch
    {
        WebPermission.Chat => Permissions.ChatUse,
        WebPermission.ReadKnowledge => Permissions.KnowledgeRead,
        WebPermission.UploadDocuments or WebPermission.ManageDocuments or WebPermission.ManageCollections => Permissions.KnowledgeWrite,
        WebPermission.ViewSystem => Permissions.SystemRead,
        WebPermission.ManageUsers => Permissions.UsersManage,
        WebPermission.ManageKeys => Permissions.KeysManageOwn,
        WebPermission.ManageTeams => Permissions.TeamsManage,
        WebPermission.ViewAudit => Permissions.AuditRead,
        WebPermission.ViewBudgets => Permissions.UsageRead,
        WebPermission.ManageBudgets => Permissions.LimitsManage,
        // As GET /api/v1/analytics: everyone who calls models reads usage; how much of it depends on usage.read.
        WebPermission.ViewUsage => Permissions.ChatUse,
        WebPermission.ManageProviders => Permissions.ProvidersManage,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };

    /// <summary>Whether the role holds the action's permission (for showing or hiding; acting also checks the operator tenant).</summary>
    public static bool Allows(UserRole role, WebPermission permission) => RolePolicy.Grants(role, Of(permission));

    /// <summary>Whether <paramref name="role"/> may create a user with, or give someone, <paramref name="created"/>: only owners grant owner.</summary>
    public static bool MayGrant(UserRole role, UserRole created) => role == UserRole.Owner || (role == UserRole.Admin && created != UserRole.Owner);
}
