using System.Collections.Frozen;
using Switchboard.Server.ControlPlane.Accounts;

namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>
/// The one table of which role holds which permission. A viewer reads: chats and searches but changes nothing; a
/// member also uploads and keeps their own keys; an admin runs the tenant (users, teams, keys, limits and budgets, audit, and — in the
/// operator tenant — providers and system health); the owner can do everything, including the tenant's settings.
/// Immutable; thread-safe.
/// </summary>
internal static class RolePolicy
{
    private static readonly FrozenDictionary<UserRole, FrozenSet<string>> Table = new Dictionary<UserRole, FrozenSet<string>>
    {
        [UserRole.Viewer] = Set(Permissions.ChatUse, Permissions.KnowledgeRead),
        [UserRole.Member] = Set(Permissions.ChatUse, Permissions.KnowledgeRead, Permissions.KnowledgeWrite, Permissions.KeysManageOwn),
        [UserRole.Admin] = Set(Permissions.ChatUse, Permissions.KnowledgeRead, Permissions.KnowledgeWrite, Permissions.KnowledgeManage,
            Permissions.KeysManageOwn, Permissions.KeysManage, Permissions.UsersManage, Permissions.TeamsManage, Permissions.UsageRead,
            Permissions.AuditRead, Permissions.ProvidersManage, Permissions.SystemRead, Permissions.LimitsManage),
        [UserRole.Owner] = Set([.. Permissions.All]),
    }.ToFrozenDictionary();

    /// <summary>Whether <paramref name="role"/> holds <paramref name="permission"/> (server-wide ones also need the operator tenant).</summary>
    public static bool Grants(UserRole role, string permission) => Table.TryGetValue(role, out var granted) && granted.Contains(permission);

    public static IReadOnlySet<string> PermissionsOf(UserRole role) => Table.TryGetValue(role, out var granted) ? granted : FrozenSet<string>.Empty;

    private static FrozenSet<string> Set(params string[] permissions) => permissions.ToFrozenSet(StringComparer.Ordinal);
}
