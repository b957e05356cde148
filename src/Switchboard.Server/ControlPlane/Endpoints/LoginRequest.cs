namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>Body of <c>POST /api/v1/auth/login</c>. <see cref="Tenant"/> is the tenant's slug, optional while there is one tenant.</summary>
internal sealed record LoginRequest(string? Tenant, string? Email, string? Password);
