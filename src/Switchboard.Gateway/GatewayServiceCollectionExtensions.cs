using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Endpoints;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Relay;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Health;

namespace Switchboard.Gateway;

/// <summary>Registers the gateway. Every part is added with <c>TryAdd</c> so a host can replace it.</summary>
public static class GatewayServiceCollectionExtensions
{
    public const string UpstreamHttpClientName = "switchboard-upstream";

    /// <summary>Adds the OpenAI-compatible gateway reading its config from <paramref name="configPath"/> (hot-reloaded).</summary>
    public static IServiceCollection AddSwitchboardGateway(this IServiceCollection services, string configPath)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GatewayConfigProvider(configPath, sp.GetRequiredService<ILogger<GatewayConfigProvider>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDeploymentSelector>(new DeploymentSelector());
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<SseRelay>();
        services.TryAddKeyedSingleton(UpstreamHttpClientName, (_, _) => CreateUpstreamClient());
        services.TryAddSingleton(sp => new Providers.ProviderAdapters(sp.GetRequiredKeyedService<HttpClient>(UpstreamHttpClientName),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new OpenAiRelay(sp.GetRequiredService<Providers.ProviderAdapters>(), sp.GetRequiredService<IDeploymentSelector>(),
            sp.GetRequiredService<SseRelay>(), sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<OpenAiRelay>>(),
            sp.GetRequiredService<TimeProvider>()));
        AddAccounting(services);
        services.TryAddSingleton<Aggregation.CapturingRelay>();
        services.TryAddSingleton<Clients.InProcessModelClient>();
        services.TryAddSingleton<Endpoints.VirtualModels>();
        services.TryAddSingleton<Aggregation.MultiModelRelay>();
        services.TryAddSingleton<Routing.Classification.LlmClassifier>();
        services.TryAddSingleton<RelayEndpointHandler>();
        services.TryAddSingleton<ModelsEndpointHandler>();
        services.TryAddSingleton<AdminDeploymentsEndpoint>();
        services.TryAddSingleton<ProviderToolsEndpoints>();
        services.AddHostedService(sp => new ActiveProbeService(sp.GetRequiredService<GatewayConfigProvider>(),
            sp.GetRequiredService<Providers.ProviderAdapters>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ActiveProbeService>>()));
        return services;
    }

    /// <summary>
    /// Rate limits, budgets and usage recording. The stores are in-process unless <c>limits.redis</c> is set; the
    /// limits and budgets themselves come from <see cref="Accounting.IUsagePolicyProvider"/> (none here; the server
    /// reads them from its database) and finished requests go to <see cref="Accounting.IUsageSink"/> (nowhere here;
    /// the server's usage ledger).
    /// </summary>
    private static void AddAccounting(IServiceCollection services)
    {
        services.TryAddSingleton<Accounting.IUsagePolicyProvider>(new Accounting.StaticUsagePolicyProvider());
        services.TryAddSingleton<Accounting.IUsageSink, Accounting.NullUsageSink>();
        services.TryAddSingleton(sp => new Limits.LimitsRedisConnection(sp.GetRequiredService<GatewayConfigProvider>(),
            sp.GetRequiredService<ILogger<Limits.LimitsRedisConnection>>()));
        services.TryAddSingleton<Limits.IRateLimiter>(sp => sp.GetRequiredService<Limits.LimitsRedisConnection>().Connection is { } redis
            ? new Limits.RedisRateLimiter(redis, LeaseTime(sp))
            : new Limits.InProcessRateLimiter());
        services.TryAddSingleton<Budgets.IBudgetStore>(sp => sp.GetRequiredService<Limits.LimitsRedisConnection>().Connection is { } redis
            ? new Budgets.RedisBudgetStore(redis, LeaseTime(sp))
            : new Budgets.InProcessBudgetStore());
        services.TryAddSingleton<Accounting.RequestAdmission>();
        services.TryAddSingleton<Accounting.RequestCompletion>();
        services.AddHostedService<Accounting.AccountingShutdown>();

        static TimeSpan LeaseTime(IServiceProvider sp) => TimeSpan.FromSeconds(sp.GetRequiredService<GatewayConfigProvider>().Current.Limits.LeaseSeconds);
    }

    /// <summary>
    /// One pooled client for all upstreams. Timeouts are per attempt (see <see cref="GatewayOptions.UpstreamTimeoutSeconds"/>),
    /// so the client's own timeout is off; cookies, redirects and decompression are off because a relay must not alter responses.
    /// </summary>
    private static HttpClient CreateUpstreamClient() => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        EnableMultipleHttp2Connections = true,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
