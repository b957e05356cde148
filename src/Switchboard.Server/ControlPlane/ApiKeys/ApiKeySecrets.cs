using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>
/// Key material: new keys are <c>sb-</c> + 32 random bytes (base64url); stored and compared as a
/// SHA-256 hex hash. A fast hash is right here: the keys are random, so there is nothing to brute-force.
/// </summary>
internal static class ApiKeySecrets
{
    public const string Prefix = "sb-";
    public const int RandomBytes = 32;
    public const int HashHexLength = 64;

    public static string NewKey()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        return Prefix + Base64Url.EncodeToString(random);
    }

    /// <summary>Writes the lower-case hex SHA-256 of <paramref name="key"/> into <paramref name="destination"/> (64 chars).</summary>
    public static bool TryHash(ReadOnlySpan<char> key, Span<char> destination)
    {
        if (key.Length is 0 or > 512)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return Convert.TryToHexStringLower(hash, destination, out _);
    }

    public static string Hash(string key)
    {
        Span<char> hex = stackalloc char[HashHexLength];
        return TryHash(key, hex) ? new string(hex) : throw new ArgumentException("The key is empty or too long.", nameof(key));
    }

    /// <summary>What lists show of a key: enough to recognise it, too little to use it.</summary>
    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, 10)] + "…";
}
