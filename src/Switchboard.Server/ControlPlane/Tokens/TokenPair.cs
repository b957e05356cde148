namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>What a login or refresh returns: a JWT access token, an opaque refresh token, and the access token's lifetime in seconds.</summary>
internal sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);
