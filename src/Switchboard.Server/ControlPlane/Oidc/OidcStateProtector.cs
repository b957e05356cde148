using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Oidc;

/// <summary>
/// Seals <see cref="OidcState"/> into a cookie value with AES-256-GCM under a key derived (HKDF) from the access-token
/// signing key, so every node of a cluster can open what another sealed, and nobody else can read the PKCE verifier or
/// forge a state. Singleton; thread-safe.
/// </summary>
internal sealed class OidcStateProtector(JwtSigningKey signingKey)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Info = "switchboard-oidc-state-v1"u8.ToArray();

    private readonly Lazy<byte[]> _key = new(() => HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.Key.Key, 32, salt: [], info: Info));

    public string Protect(OidcState state)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(state, OidcJsonContext.Default.OidcState);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The state, or null when the value was not sealed by this server (or was altered).</summary>
    public OidcState? Unprotect(string value)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length <= NonceBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key.Value, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain);
            return JsonSerializer.Deserialize(plain, OidcJsonContext.Default.OidcState);
        }
        catch (Exception ex) when (ex is AuthenticationTagMismatchException or CryptographicException or JsonException)
        {
            return null;
        }
    }

    public static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The PKCE S256 challenge of <paramref name="verifier"/>: base64url(SHA-256(ASCII verifier)).</summary>
    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
