namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>
/// Endpoint metadata: the permission a caller needs, or null for "any authenticated caller".
/// <see cref="PermissionMiddleware"/> enforces it; an endpoint without it (and without <c>AllowAnonymous</c>) fails
/// the endpoint-matrix test.
/// </summary>
internal sealed record RequiredPermission(string? Permission);
