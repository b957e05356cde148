using Switchboard.Gateway.Aggregation;
using System.Collections.Frozen;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Classification;
using Switchboard.Gateway.Routing.Policies;

namespace Switchboard.Gateway.Configuration;

/// <summary>Turns a validated <see cref="GatewayConfig"/> into the resolved runtime <see cref="GatewaySnapshot"/>.</summary>
internal static class GatewaySnapshotBuilder
{
    public static GatewaySnapshot Build(GatewayConfig config, Func<string, string?> getEnvironmentVariable, DateTimeOffset now,
        DeploymentStateRegistry? states = null)
    {
        states ??= new DeploymentStateRegistry();
        var providers = new Dictionary<string, UpstreamProvider>(StringComparer.Ordinal);
        foreach (var p in config.Providers)
        {
            var (key, unusable) = ResolveApiKey(p, getEnvironmentVariable);
            var configured = string.IsNullOrEmpty(p.BaseUrl) ? ProviderTypes.DefaultBaseUrl(p.Type)! : p.BaseUrl;
            var baseUrl = configured.EndsWith('/') ? configured : configured + "/";
            providers[p.Name] = new UpstreamProvider(p.Name, new Uri(baseUrl), key, unusable,
                // An in-process model runs on this machine by definition.
                p.Headers ?? FrozenDictionary<string, string>.Empty, p.Local || p.Type == ProviderTypes.LlamaCpp)
            {
                Type = p.Type,
                Config = p,
            };
        }

        var routes = new List<ModelRoute>(config.Models.Count);
        foreach (var m in config.Models)
        {
            var deployments = m.Deployments
                .Select(d => new Deployment(providers[d.Provider], d.Model, states.For(d.Provider + "/" + d.Model), d))
                .ToArray();
            routes.Add(new ModelRoute(m.Alias, deployments, SelectionPolicies.ByName[m.Policy], m.FailoverOnContentFilter,
                m.Classify is null ? null : new RequestClassifier(m.Classify))
            {
                Strategy = m.Strategy is { } strategy ? ToStrategy(strategy) : AggregationStrategy.Single,
                ContinueOnCut = m.ContinueOnCut,
            });
        }

        // Models dropped into a llamacpp provider's directory are aliases of their own (local/<name>).
        foreach (var (provider, alias, model) in LocalModelDirectories.Discover(config))
        {
            if (routes.TrueForAll(r => r.Alias != alias))
            {
                var deployment = new DeploymentConfig { Provider = provider, Model = model };
                routes.Add(new ModelRoute(alias, [new Deployment(providers[provider], model, states.For(provider + "/" + model), deployment)],
                    SelectionPolicies.Priority));
            }
        }

        return new GatewaySnapshot(
            config.Gateway,
            providers.ToFrozenDictionary(StringComparer.Ordinal),
            routes.ToFrozenDictionary(r => r.Alias, StringComparer.Ordinal),
            routes,
            now)
        {
            Knowledge = config.Knowledge,
            Limits = config.Limits,
            Prices = config.Prices,
            Currencies = Pricing.CurrencyConverter.From(config.Prices),
            Usage = config.Usage,
        };
    }

    private static AggregationStrategy ToStrategy(StrategyConfig config) => new(
        AggregationStrategy.ByName[config.Type],
        config.FanOut,
        config.HedgeAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        config.Members,
        config.Judge);

    /// <summary>Returns the key, or why there is none. A missing variable is not a config error: the
    /// provider is unusable until the variable is set and the server restarted, other providers work.</summary>
    internal static (string? Key, string? UnusableReason) ResolveApiKey(ProviderConfig provider, Func<string, string?> getEnvironmentVariable)
    {
        if (string.IsNullOrEmpty(provider.ApiKey))
        {
            return (null, null);
        }

        if (!provider.ApiKey.StartsWith(GatewayConfigValidator.EnvPrefix, StringComparison.Ordinal))
        {
            return (provider.ApiKey, null);
        }

        var variable = provider.ApiKey[GatewayConfigValidator.EnvPrefix.Length..];
        var value = getEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? (null, $"provider '{provider.Name}' has no API key: environment variable {variable} is not set")
            : (value, null);
    }
}
