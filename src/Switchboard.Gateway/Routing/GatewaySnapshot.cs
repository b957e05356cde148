using System.Collections.Frozen;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Routing;

/// <summary>
/// Everything a request needs from the configuration, resolved once per (re)load and then read
/// without locks. Requests hold on to the snapshot they started with, so a reload never changes
/// a request midway.
/// </summary>
internal sealed class GatewaySnapshot(
    GatewayOptions options,
    FrozenDictionary<string, UpstreamProvider> providers,
    FrozenDictionary<string, ModelRoute> routes,
    IReadOnlyList<ModelRoute> routesInOrder,
    DateTimeOffset loadedAt)
{
    public GatewayOptions Options { get; } = options;

    public FrozenDictionary<string, UpstreamProvider> Providers { get; } = providers;

    /// <summary>Routes by alias (ordinal: model ids are case-sensitive, as at OpenAI).</summary>
    public FrozenDictionary<string, ModelRoute> Routes { get; } = routes;

    /// <summary>Routes in file order, for <c>GET /v1/models</c>.</summary>
    public IReadOnlyList<ModelRoute> RoutesInOrder { get; } = routesInOrder;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>The knowledge-base section as written (the knowledge base maps it onto its own options).</summary>
    public KnowledgeConfig Knowledge { get; init; } = new();

    public LimitsConfig Limits { get; init; } = new();

    public PricesConfig Prices { get; init; } = new();

    /// <summary>Exchange rates resolved from <see cref="PricesConfig"/>.</summary>
    public Pricing.CurrencyConverter Currencies { get; init; } = Pricing.CurrencyConverter.Empty;

    public UsageConfig Usage { get; init; } = new();
}
