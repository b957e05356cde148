namespace Switchboard.Server.ControlPlane.Admin.Teams;

/// <summary><c>POST /api/v1/admin/teams</c> and <c>PATCH /api/v1/admin/teams/{id}</c>.</summary>
internal sealed record TeamBody(string? Name);
