namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>The result of checking a password against a stored hash.</summary>
internal enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>Correct, but hashed with other parameters than the current ones: store a new hash.</summary>
    SucceededRehashNeeded,
}
