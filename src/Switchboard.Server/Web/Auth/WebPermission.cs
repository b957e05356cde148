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
}
