namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>A user to create. Without a password the user can only sign in through OIDC (later).</summary>
internal sealed record NewUser(string Email, string? Password, UserRole Role, string? DisplayName = null);
