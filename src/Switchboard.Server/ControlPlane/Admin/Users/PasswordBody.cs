namespace Switchboard.Server.ControlPlane.Admin.Users;

/// <summary><c>POST /api/v1/admin/users/{id}/reset-password</c>: the new password, or nothing to have one generated.</summary>
internal sealed record PasswordBody(string? Password);
