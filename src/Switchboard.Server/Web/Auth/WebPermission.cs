namespace Switchboard.Server.Web.Auth;

/// <summary>What a web user may do; <see cref="WebPermissions"/> maps roles to these. Every service checks one before it acts.</summary>
internal enum WebPermission
{
    Chat,
    ReadKnowledge,
    UploadDocuments,
    ManageDocuments,
    ManageCollections,
    ViewSystem,
    ManageUsers,
    ManageKeys,
    ManageTeams,
    ViewAudit,
    ViewBudgets,
    ManageBudgets,

    /// <summary>The analytics page: the tenant's usage with <c>usage.read</c>, otherwise the user's own.</summary>
    ViewUsage,

    /// <summary>The providers and aliases page (server-wide: owners and admins of the operator tenant).</summary>
    ManageProviders,
}
