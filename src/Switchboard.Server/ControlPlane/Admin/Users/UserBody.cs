namespace Switchboard.Server.ControlPlane.Admin.Users;

/// <summary><c>POST /api/v1/admin/users</c>. Without a password the user can only sign in through OIDC.</summary>
internal sealed record UserBody(string? Email, string? Password, string? Role, string? DisplayName);
