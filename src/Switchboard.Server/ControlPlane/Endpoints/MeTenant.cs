using System.Text.Json.Serialization;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>The tenant part of <see cref="MeResponse"/>.</summary>
internal sealed record MeTenant(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("currency")] string Currency);
