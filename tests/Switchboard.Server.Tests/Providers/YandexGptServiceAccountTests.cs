using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.YandexGpt;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// Service-account authentication for real: an RSA key made here, written as Yandex's authorised key
/// file, a PS256 JWT the stub's IAM endpoint verifies with the public key, and the IAM token reused
/// until shortly before it expires, then fetched again (and dropped at once when the service rejects it).
/// </summary>
public sealed class YandexGptServiceAccountTests : IAsyncLifetime
{
    // The stub's tokens are fresh this long once the adapter's refresh margin is taken off.
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(3);

    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"yandex-sa-key-{Guid.NewGuid():N}.json");
    private YandexGptStub _stub = null!;
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        _stub = await YandexGptStub.StartAsync();
        _stub.ServiceAccountPublicKey = RSA.Create(rsa.ExportParameters(includePrivateParameters: false));
        _stub.IamTokenLifetime = YandexCredentials.RefreshBefore + FreshFor;
        var keyJson = new JsonObject
        {
            ["id"] = _stub.KeyId,
            ["service_account_id"] = _stub.ServiceAccountId,
            ["created_at"] = "2024-01-01T00:00:00Z",
            ["key_algorithm"] = "RSA_2048",
            ["public_key"] = rsa.ExportSubjectPublicKeyInfoPem(),
            ["private_key"] = "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <ajekeyid>\n" + rsa.ExportPkcs8PrivateKeyPem(),
        };
        await File.WriteAllTextAsync(_keyFile, keyJson.ToJsonString());
        _server = await GatewayServer.StartAsync($$"""
            {
              "gateway": { "health": { "enabled": false } },
              "providers": [
                { "name": "yandex-sa", "type": "yandexgpt", "baseUrl": "{{_stub.BaseUrl}}", "folderId": "{{YandexGptStub.FolderId}}",
                  "auth": "service-account", "serviceAccountKeyFile": {{JsonValue.Create(_keyFile).ToJsonString()}}, "authUrl": "{{_stub.BaseUrl}}/iam/v1/tokens" }
              ],
              "models": [
                { "alias": "y-ok", "deployments": [ { "provider": "yandex-sa", "model": "ok/latest" } ] },
                { "alias": "y-unauthorized", "deployments": [ { "provider": "yandex-sa", "model": "unauthorized/latest" } ] }
              ]
            }
            """);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _stub.DisposeAsync();
        File.Delete(_keyFile);
    }

    [Fact]
    public async Task IamToken_IsFetchedWithAVerifiedJwt_ReusedWhileFresh_AndFetchedAgainAfterExpiry()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await _server.PostChatAsync("y-ok");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Bearer t1.iam-token-1", Assert.Single(_stub.For(response)).Authorization);
        }

        Assert.Null(_stub.JwtProblem);
        Assert.Equal(1, _stub.IamTokensIssued);
        var tokenRequest = Assert.Single(_stub.Requests, r => r.Path == "/iam/v1/tokens");
        Assert.Equal(3, tokenRequest.Json!["jwt"]!.GetValue<string>().Split('.').Length);

        await Task.Delay(FreshFor + TimeSpan.FromMilliseconds(500));
        using var afterExpiry = await _server.PostChatAsync("y-ok");

        Assert.Equal(HttpStatusCode.OK, afterExpiry.StatusCode);
        Assert.Equal(2, _stub.IamTokensIssued);
        Assert.Equal("Bearer t1.iam-token-2", Assert.Single(_stub.For(afterExpiry)).Authorization);
    }

    [Fact]
    public async Task IamToken_RejectedWith401_IsDroppedAndFetchedAgain()
    {
        using var first = await _server.PostChatAsync("y-ok");
        using var rejected = await _server.PostChatAsync("y-unauthorized");
        using var next = await _server.PostChatAsync("y-ok");

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, _stub.IamTokensIssued);
        Assert.Equal("Bearer t1.iam-token-2", Assert.Single(_stub.For(next)).Authorization);
    }
}
