using System.Collections.Frozen;

namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>
/// Everything a caller can be allowed to do. Endpoints name one of these (<see cref="RequiredPermission"/>);
/// <see cref="RolePolicy"/> says which roles hold it. docs/control-plane.md has the table.
/// </summary>
internal static class Permissions
{
    /// <summary>Call models: <c>/v1</c>, <c>POST /api/v1/chat</c>, own conversations, token counting.</summary>
    public const string ChatUse = "chat.use";

    /// <summary>List, read and search the documents of the collections the caller may use.</summary>
    public const string KnowledgeRead = "knowledge.read";

    /// <summary>Upload, re-index and delete documents; create collections (and change those the caller owns).</summary>
    public const string KnowledgeWrite = "knowledge.write";

    /// <summary>Administer every collection of the tenant, whoever owns it (the knowledge base's tenant admin).</summary>
    public const string KnowledgeManage = "knowledge.manage";

    /// <summary>Create, list and revoke the caller's own API keys.</summary>
    public const string KeysManageOwn = "keys.manage_own";

    /// <summary>Create, list and revoke every API key of the tenant, and manage service accounts.</summary>
    public const string KeysManage = "keys.manage";

    public const string UsersManage = "users.manage";

    public const string TeamsManage = "teams.manage";

    /// <summary>Usage, cost and analytics of the tenant.</summary>
    public const string UsageRead = "usage.read";

    public const string AuditRead = "audit.read";

    /// <summary>Set and remove the rate limits and budgets of the tenant, its teams and its keys (reading them is <see cref="UsageRead"/>).</summary>
    public const string LimitsManage = "limits.manage";

    /// <summary>Change the gateway configuration (providers, deployments, aliases). Server-wide.</summary>
    public const string ProvidersManage = "providers.manage";

    /// <summary>Health, deployments, loaded models, queues and resource use of the server. Server-wide.</summary>
    public const string SystemRead = "system.read";

    /// <summary>Change the tenant's own settings (name, currency).</summary>
    public const string TenantManage = "tenant.manage";

    public static IReadOnlyList<string> All { get; } =
    [
        ChatUse, KnowledgeRead, KnowledgeWrite, KnowledgeManage, KeysManageOwn, KeysManage, UsersManage, TeamsManage, UsageRead, AuditRead,
        ProvidersManage, SystemRead, TenantManage, LimitsManage,
    ];

    /// <summary>
    /// Permissions over things every tenant shares (the gateway config, the process). Roles grant them only to
    /// members of the operator tenant (see <see cref="ApiPrincipal.IsOperator"/>), so one tenant's admin cannot change
    /// or inspect what serves another tenant.
    /// </summary>
    public static FrozenSet<string> ServerWide { get; } = FrozenSet.Create(StringComparer.Ordinal, ProvidersManage, SystemRead);
}
