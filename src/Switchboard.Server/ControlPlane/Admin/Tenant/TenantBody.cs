namespace Switchboard.Server.ControlPlane.Admin.Tenant;

/// <summary><c>PATCH /api/v1/admin/tenant</c>: a new display name and/or currency (the slug never changes).</summary>
internal sealed record TenantBody(string? Name, string? Currency);
