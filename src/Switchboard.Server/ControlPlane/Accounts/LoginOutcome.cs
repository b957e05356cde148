namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>
/// What a login attempt tells the caller. Unknown tenant or e-mail, wrong password, a locked or a disabled
/// account are all <see cref="InvalidCredentials"/>: the reason goes to the audit log only.
/// </summary>
internal enum LoginOutcome
{
    Succeeded,
    InvalidCredentials,

    /// <summary>No tenant was given and the server has several.</summary>
    TenantRequired,
}
