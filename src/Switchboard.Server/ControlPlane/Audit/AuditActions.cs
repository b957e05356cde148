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
    public const string KeyCreated = "key.created";
    public const string KeyRevoked = "key.revoked";
    public const string ConfigChanged = "config.changed";
    public const string DocumentDeleted = "document.deleted";
}
