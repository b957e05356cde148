using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// A gateway with an <c>anthropic</c> provider pointing at <see cref="AnthropicStub"/> (key from the
/// environment, an <c>anthropic-beta</c> header, <c>defaultMaxTokens</c> 2048) and an OpenAI stub as the
/// failover target. Passive health is off so that tests cannot take each other's deployments out.
/// </summary>
public sealed class AnthropicFixture : IAsyncLifetime
{
    public const string BetaHeader = "prompt-caching-2024-07-31";

    public AnthropicStub Anthropic { get; private set; } = null!;

    public StubUpstream OpenAiStub { get; private set; } = null!;

    public GatewayServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Anthropic = await AnthropicStub.StartAsync();
        OpenAiStub = await StubUpstream.StartAsync();
        Server = await GatewayServer.StartAsync($$"""
            {
              "gateway": { "health": { "enabled": false } },
              "providers": [
                { "name": "anthropic", "type": "anthropic", "baseUrl": "{{Anthropic.BaseUrl}}", "apiKey": "env:{{GatewayServer.UpstreamKeyVariable}}",
                  "defaultMaxTokens": 2048, "headers": { "anthropic-beta": "{{BetaHeader}}" } },
                { "name": "stub", "type": "openai", "baseUrl": "{{OpenAiStub.BaseUrl}}", "apiKey": "env:{{GatewayServer.UpstreamKeyVariable}}" }
              ],
              "models": [
                { "alias": "claude", "deployments": [ { "provider": "anthropic", "model": "claude-text" } ] },
                { "alias": "claude-tools", "deployments": [ { "provider": "anthropic", "model": "claude-tools" } ] },
                { "alias": "rate-limited", "deployments": [ { "provider": "anthropic", "model": "claude-rate-limited" }, { "provider": "stub", "model": "ok" } ] },
                { "alias": "only-rate-limited", "deployments": [ { "provider": "anthropic", "model": "claude-rate-limited" } ] },
                { "alias": "small-window", "deployments": [ { "provider": "anthropic", "model": "claude-small-window" }, { "provider": "stub", "model": "big-window" } ] },
                { "alias": "only-small-window", "deployments": [ { "provider": "anthropic", "model": "claude-small-window" } ] },
                { "alias": "unauthorized", "deployments": [ { "provider": "anthropic", "model": "claude-unauthorized" } ] },
                { "alias": "overloaded", "deployments": [ { "provider": "anthropic", "model": "claude-overloaded" } ] },
                { "alias": "cut", "deployments": [ { "provider": "anthropic", "model": "claude-cut" } ] },
                { "alias": "overloaded-mid-stream", "deployments": [ { "provider": "anthropic", "model": "claude-overloaded-mid-stream" } ] },
                { "alias": "embed", "deployments": [ { "provider": "anthropic", "model": "claude-text" } ] }
              ]
            }
            """);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await OpenAiStub.DisposeAsync();
        await Anthropic.DisposeAsync();
    }
}
