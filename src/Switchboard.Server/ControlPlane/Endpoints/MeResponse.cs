using System.Text.Json.Serialization;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>Body of <c>GET /api/v1/auth/me</c>: the caller's account and tenant.</summary>
internal sealed record MeResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("tenant")] MeTenant Tenant);
