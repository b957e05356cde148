namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>A user to create. Without a password the user can only sign in through OIDC.</summary>
internal sealed record NewUser(string Email, string? Password, UserRole Role, string? DisplayName = null)
{
    /// <summary>The OIDC identity (issuer + subject) the user signs in with; null for password users.</summary>
    public (string Issuer, string Subject)? External { get; init; }
}
