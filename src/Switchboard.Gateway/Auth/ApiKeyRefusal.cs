using Microsoft.AspNetCore.Http;

namespace Switchboard.Gateway.Auth;

/// <summary>
/// Why a presented API key was not accepted: <see cref="Status"/> is 401 (unknown, revoked, expired key) or 403 (a valid
/// key used from a network it is not allowed from, or whose owner may not do this), <see cref="Message"/> says which.
/// Immutable.
/// </summary>
public sealed record ApiKeyRefusal(int Status, string Message)
{
    public static ApiKeyRefusal Unknown { get; } = new(StatusCodes.Status401Unauthorized, "Incorrect API key provided.");

    public static ApiKeyRefusal Revoked { get; } = new(StatusCodes.Status401Unauthorized, "This API key has been revoked.");

    public static ApiKeyRefusal Expired { get; } = new(StatusCodes.Status401Unauthorized, "This API key has expired.");

    public bool IsForbidden => Status == StatusCodes.Status403Forbidden;
}
