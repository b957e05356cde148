using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// GigaChat behind a certificate from a private root (as Sber's chains to the Russian Trusted Root CA):
/// the gateway reaches it, OAuth and API alike, only when the provider's <c>caBundle</c> holds that root.
/// </summary>
public sealed class GigaChatTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("switchboard-gigachat-tls-").FullName;
    private GigaChatStub _stub = null!;

    public async Task InitializeAsync() => _stub = await GigaChatStub.StartAsync(_certificates.Server);

    public async Task DisposeAsync()
    {
        await _stub.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task WithTheRootInCaBundle_OAuthAndApiCallsSucceed()
    {
        Assert.StartsWith("https://", _stub.Root, StringComparison.Ordinal);
        await using var server = await GatewayServer.StartAsync(GigaChatTests.Config(_stub, _certificates.WritePemTo(_directory)));

        using var response = await PostChatAsync(server);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_stub.TokenRequests);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task WithoutCaBundle_TheTlsHandshakeFails_AndNothingReachesGigaChat()
    {
        await using var server = await GatewayServer.StartAsync(GigaChatTests.Config(_stub));

        using var response = await PostChatAsync(server);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("TLS handshake failed", message, StringComparison.Ordinal);
        Assert.Empty(_stub.TokenRequests);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task WithAnotherRootInCaBundle_TheTlsHandshakeFails()
    {
        using var stranger = TestCertificates.Create("Someone Else's Root CA");
        await using var server = await GatewayServer.StartAsync(GigaChatTests.Config(_stub, stranger.WritePemTo(_directory)));

        using var response = await PostChatAsync(server);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("TLS handshake failed", message, StringComparison.Ordinal);
        Assert.Empty(_stub.TokenRequests);
        Assert.Empty(_stub.Requests);
    }

    private static Task<HttpResponseMessage> PostChatAsync(GatewayServer server) =>
        server.Http.PostAsJsonAsync("v1/chat/completions", new { model = "giga", messages = new[] { new { role = "user", content = "Привет" } } });
}
