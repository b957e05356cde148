using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>
/// Refresh tokens: <c>sbr-</c> + 32 random bytes (base64url). Stored as SHA-256 hex: they are random, so a
/// fast hash is enough — there is nothing to guess.
/// </summary>
internal static class TokenSecrets
{
    public const string RefreshPrefix = "sbr-";

    public static string NewRefreshToken() => RefreshPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
