using System.Text.Json.Serialization;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>Body of <c>POST /api/v1/auth/refresh</c> and <c>/logout</c>.</summary>
internal sealed record RefreshTokenRequest([property: JsonPropertyName("refresh_token")] string? RefreshToken);
