namespace Switchboard.Server.ControlPlane.Admin.Users;

/// <summary><c>PATCH /api/v1/admin/users/{id}</c>: the fields to change.</summary>
internal sealed record UserPatchBody(string? Role, bool? Disabled, string? DisplayName);
