using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// A Yandex stub and a gateway with two <c>yandexgpt</c> providers pointing at it (<c>yandex</c>, and
/// <c>yandex-async</c> with <c>async: true</c>), shared by a test class. Passive health is off so the
/// failing deployments of one test cannot take deployments of another out of rotation.
/// </summary>
public sealed class YandexGptFixture : IAsyncLifetime
{
    public YandexGptStub Stub { get; private set; } = null!;

    public GatewayServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stub = await YandexGptStub.StartAsync();
        Server = await GatewayServer.StartAsync($$"""
            {
              "gateway": { "health": { "enabled": false } },
              "providers": [
                { "name": "yandex", "type": "yandexgpt", "baseUrl": "{{Stub.BaseUrl}}", "folderId": "{{YandexGptStub.FolderId}}",
                  "apiKey": "env:{{GatewayServer.UpstreamKeyVariable}}" },
                { "name": "yandex-async", "type": "yandexgpt", "baseUrl": "{{Stub.BaseUrl}}", "folderId": "{{YandexGptStub.FolderId}}",
                  "apiKey": "env:{{GatewayServer.UpstreamKeyVariable}}", "auth": "iam-token", "async": true, "operationsUrl": "{{Stub.BaseUrl}}" }
              ],
              "models": [
                { "alias": "y-ok", "deployments": [ { "provider": "yandex", "model": "ok/latest" } ] },
                { "alias": "y-tools", "deployments": [ { "provider": "yandex", "model": "tools/latest" } ] },
                { "alias": "y-tool-result", "deployments": [ { "provider": "yandex", "model": "tool-result/latest" } ] },
                { "alias": "y-filtered", "deployments": [ { "provider": "yandex", "model": "filtered/latest" } ] },
                { "alias": "y-truncated", "deployments": [ { "provider": "yandex", "model": "truncated/latest" } ] },
                { "alias": "y-cut", "deployments": [ { "provider": "yandex", "model": "cut/latest" } ] },
                { "alias": "y-limited", "deployments": [ { "provider": "yandex", "model": "limited/latest" }, { "provider": "yandex", "model": "ok/latest" } ] },
                { "alias": "y-limited-only", "deployments": [ { "provider": "yandex", "model": "limited/latest" } ] },
                { "alias": "y-ctx", "deployments": [ { "provider": "yandex", "model": "ctx/latest" }, { "provider": "yandex", "model": "ok/latest" } ] },
                { "alias": "y-ctx-only", "deployments": [ { "provider": "yandex", "model": "ctx/latest" } ] },
                { "alias": "y-unauthorized", "deployments": [ { "provider": "yandex", "model": "unauthorized/latest" } ] },
                { "alias": "y-async", "deployments": [ { "provider": "yandex-async", "model": "ok/latest" } ] },
                { "alias": "y-embed", "deployments": [ { "provider": "yandex", "model": "text-search-doc/latest" } ] }
              ]
            }
            """);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
