using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Providers;

/// <summary>What an adapter is built with.</summary>
/// <param name="Provider">The resolved provider (URL, key, config).</param>
/// <param name="Http">The client for the provider and its auth service (with the provider's CA bundle when it has one).</param>
/// <param name="Time">The clock, for token expiry.</param>
/// <param name="Logs">Loggers.</param>
internal sealed record AdapterContext(UpstreamProvider Provider, HttpClient Http, TimeProvider Time, ILoggerFactory Logs);

/// <summary>
/// Finds the adapter of a translated provider and the HTTP client of any provider. Adapters are kept
/// across config reloads while their provider's config and key stay the same, so cached access tokens
/// survive a reload. Thread-safe.
/// </summary>
internal sealed class ProviderAdapters(HttpClient shared, TimeProvider time, ILoggerFactory logs)
{
    private readonly ConcurrentDictionary<string, Func<AdapterContext, ProviderAdapter>> _factories = new(new Dictionary<string, Func<AdapterContext, ProviderAdapter>>
    {
        [ProviderTypes.Anthropic] = context => new Anthropic.AnthropicAdapter(context),
        [ProviderTypes.YandexGpt] = context => new YandexGpt.YandexGptAdapter(context),
        [ProviderTypes.GigaChat] = context => new GigaChat.GigaChatAdapter(context),
    }, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<(ProviderConfig Config, string? Key), ProviderAdapter> _adapters = new();
    private readonly ConcurrentDictionary<ProviderConfig, HttpClient> _bundleClients = new();

    /// <summary>The gateway's shared upstream client.</summary>
    public HttpClient Shared { get; } = shared;

    /// <summary>The adapter for a translated provider; null for <c>openai</c>, which is relayed as it is.</summary>
    public ProviderAdapter? For(UpstreamProvider provider) =>
        provider.Type == ProviderTypes.OpenAi || provider.Config is null
            ? null
            : _adapters.GetOrAdd((provider.Config, provider.ApiKey), _ => Create(provider));

    /// <summary>
    /// Adds the adapter of a provider type defined outside the gateway (the server registers the in-process
    /// llama.cpp provider, which lives in its own project).
    /// </summary>
    public void Register(string type, Func<AdapterContext, ProviderAdapter> factory) => _factories[type] = factory;

    private ProviderAdapter Create(UpstreamProvider provider) =>
        _factories.TryGetValue(provider.Type, out var factory)
            ? factory(new AdapterContext(provider, ClientFor(provider), time, logs))
            : throw new ProviderException(Relay.ErrorTypes.Unusable, $"no adapter is registered for provider type '{provider.Type}'");

    /// <summary>
    /// The shared upstream client, or one trusting the provider's CA bundle — looked up once per provider
    /// config (the bundle is read then, not on every request).
    /// </summary>
    public HttpClient ClientFor(UpstreamProvider provider) =>
        provider.Config?.CaBundle is { } bundle ? _bundleClients.GetOrAdd(provider.Config, _ => ProviderHttpClients.WithCaBundle(bundle)) : Shared;
}
