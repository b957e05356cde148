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
    private static readonly Dictionary<string, Func<AdapterContext, ProviderAdapter>> Factories = new(StringComparer.Ordinal)
    {
        [ProviderTypes.Anthropic] = context => new Anthropic.AnthropicAdapter(context),
        [ProviderTypes.YandexGpt] = context => new YandexGpt.YandexGptAdapter(context),
        [ProviderTypes.GigaChat] = context => new GigaChat.GigaChatAdapter(context),
    };

    private readonly ConcurrentDictionary<(ProviderConfig Config, string? Key), ProviderAdapter> _adapters = new();

    /// <summary>The gateway's shared upstream client.</summary>
    public HttpClient Shared { get; } = shared;

    /// <summary>The adapter for a translated provider; null for <c>openai</c>, which is relayed as it is.</summary>
    public ProviderAdapter? For(UpstreamProvider provider) =>
        provider.Type == ProviderTypes.OpenAi || provider.Config is null
            ? null
            : _adapters.GetOrAdd((provider.Config, provider.ApiKey), _ => Factories[provider.Type](new AdapterContext(provider, ClientFor(provider), time, logs)));

    /// <summary>The shared upstream client, or one trusting the provider's CA bundle.</summary>
    public HttpClient ClientFor(UpstreamProvider provider) =>
        provider.Config?.CaBundle is { } bundle ? ProviderHttpClients.WithCaBundle(bundle) : Shared;
}
