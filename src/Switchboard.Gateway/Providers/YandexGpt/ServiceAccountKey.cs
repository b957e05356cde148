using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// A Yandex Cloud service account's authorised key (the JSON <c>yc iam key create</c> writes) and the
/// signed JWT that is exchanged for an IAM token: PS256 over <c>{iss: service account, aud: IAM token URL,
/// iat, exp: iat + 1 h}</c>, with the key id in the header. Immutable; the private key never leaves it.
/// </summary>
internal sealed class ServiceAccountKey
{
    /// <summary>The audience Yandex IAM requires in the JWT, whatever URL the token is fetched from.</summary>
    public const string Audience = "https://iam.api.cloud.yandex.net/iam/v1/tokens";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly string _privateKeyPem;

    private ServiceAccountKey(string keyId, string serviceAccountId, string privateKeyPem)
    {
        KeyId = keyId;
        ServiceAccountId = serviceAccountId;
        _privateKeyPem = privateKeyPem;
    }

    public string KeyId { get; }

    public string ServiceAccountId { get; }

    /// <summary>Reads the key file; throws <see cref="InvalidDataException"/> when a field is missing.</summary>
    public static ServiceAccountKey Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ServiceAccountKey(Required(root, "id"), Required(root, "service_account_id"), Required(root, "private_key"));
    }

    /// <summary>The JWT for the IAM token exchange, issued at <paramref name="now"/>.</summary>
    public string CreateJwt(DateTimeOffset now)
    {
        var header = OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("typ", "JWT");
            json.WriteString("alg", "PS256");
            json.WriteString("kid", KeyId);
            json.WriteEndObject();
        });
        var issuedAt = now.ToUnixTimeSeconds();
        var payload = OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("iss", ServiceAccountId);
            json.WriteString("aud", Audience);
            json.WriteNumber("iat", issuedAt);
            json.WriteNumber("exp", issuedAt + (long)Lifetime.TotalSeconds);
            json.WriteEndObject();
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        using var rsa = RSA.Create();
        // The key file's private_key starts with a "PLEASE DO NOT REMOVE THIS LINE!" preamble; ImportFromPem skips it.
        rsa.ImportFromPem(_privateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static string Required(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"the service account key has no '{name}'");
}
