namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>The audited actions, named <c>noun.verb</c>.</summary>
internal static class AuditActions
{
    public const string TenantCreated = "tenant.created";
    public const string UserCreated = "user.created";
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string AccountLocked = "account.locked";
    public const string Logout = "logout";
    public const string RefreshTokenReused = "token.reuse_detected";
    public const string UserUpdated = "user.updated";
    public const string UserDeleted = "user.deleted";
    public const string PasswordReset = "user.password_reset";
    public const string UserLinked = "user.linked";
    public const string TenantUpdated = "tenant.updated";
    public const string TeamCreated = "team.created";
    public const string TeamUpdated = "team.updated";
    public const string TeamDeleted = "team.deleted";
    public const string TeamMemberAdded = "team.member_added";
    public const string TeamMemberRemoved = "team.member_removed";
    public const string ServiceAccountCreated = "service_account.created";
    public const string ServiceAccountUpdated = "service_account.updated";
    public const string KeyCreated = "key.created";
    public const string KeyImported = "key.imported";
    public const string KeyRevoked = "key.revoked";
    public const string ConfigChanged = "config.changed";
    public const string DocumentDeleted = "document.deleted";

    /// <summary>A document's original file was opened or downloaded (once per opening, not per range request).</summary>
    public const string DocumentOpened = "document.opened";
    public const string CollectionDeleted = "collection.deleted";
    public const string LimitsUpdated = "limits.updated";
    public const string LimitsRemoved = "limits.removed";
    public const string BudgetUpdated = "budget.updated";
    public const string BudgetRemoved = "budget.removed";

    /// <summary>Every action above, for pickers (the audit page's action filter).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TenantCreated, TenantUpdated, UserCreated, UserUpdated, UserDeleted, PasswordReset, UserLinked, LoginSucceeded, LoginFailed, AccountLocked,
        Logout, RefreshTokenReused, TeamCreated, TeamUpdated, TeamDeleted, TeamMemberAdded, TeamMemberRemoved, ServiceAccountCreated,
        ServiceAccountUpdated, KeyCreated, KeyImported, KeyRevoked, ConfigChanged, DocumentDeleted, DocumentOpened, CollectionDeleted, LimitsUpdated, LimitsRemoved,
        BudgetUpdated, BudgetRemoved,
    ];
}
