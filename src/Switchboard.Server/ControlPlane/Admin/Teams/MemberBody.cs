namespace Switchboard.Server.ControlPlane.Admin.Teams;

/// <summary><c>PUT /api/v1/admin/teams/{id}/members/{userId}</c>: the member's role inside the team (optional).</summary>
internal sealed record MemberBody(string? Role);
