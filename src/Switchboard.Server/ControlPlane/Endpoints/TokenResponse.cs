using System.Text.Json.Serialization;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>A token pair in the OAuth 2.0 token-response shape.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType)
{
    public static TokenResponse From(TokenPair pair) => new(pair.AccessToken, pair.RefreshToken, pair.ExpiresIn, "Bearer");
}
