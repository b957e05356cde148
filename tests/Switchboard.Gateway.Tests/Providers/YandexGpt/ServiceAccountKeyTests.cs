using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.YandexGpt;

namespace Switchboard.Gateway.Tests.Providers.YandexGpt;

public sealed class ServiceAccountKeyTests
{
    [Fact]
    public void CreateJwt_IsPs256SignedWithTheDocumentedClaims()
    {
        using var rsa = RSA.Create(2048);
        var key = ServiceAccountKey.Parse(new JsonObject
        {
            ["id"] = "kid-1",
            ["service_account_id"] = "sa-1",
            ["private_key"] = "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <kid-1>\n" + rsa.ExportPkcs8PrivateKeyPem(),
        }.ToJsonString());
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        var parts = key.CreateJwt(now).Split('.');

        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal("PS256", header["alg"]!.GetValue<string>());
        Assert.Equal("JWT", header["typ"]!.GetValue<string>());
        Assert.Equal("kid-1", header["kid"]!.GetValue<string>());
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal("sa-1", claims["iss"]!.GetValue<string>());
        Assert.Equal("https://iam.api.cloud.yandex.net/iam/v1/tokens", claims["aud"]!.GetValue<string>());
        Assert.Equal(1_700_000_000, claims["iat"]!.GetValue<long>());
        Assert.Equal(1_700_003_600, claims["exp"]!.GetValue<long>());
    }

    [Fact]
    public void Parse_WithoutPrivateKey_Throws() =>
        Assert.Throws<InvalidDataException>(() => ServiceAccountKey.Parse("""{"id":"k","service_account_id":"s"}"""));
}
