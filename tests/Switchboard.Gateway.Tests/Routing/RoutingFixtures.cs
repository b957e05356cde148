using System.Collections.Frozen;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Policies;

namespace Switchboard.Gateway.Tests.Routing;

/// <summary>Builds deployments and routes for policy and selector tests.</summary>
internal static class RoutingFixtures
{
    private static readonly UpstreamProvider Cloud = Provider("cloud", isLocal: false);
    private static readonly UpstreamProvider Local = Provider("local", isLocal: true);

    public static Deployment Deployment(string model, bool local = false, double weight = 1, CapabilitiesConfig? capabilities = null,
        int? maxContext = null, decimal? price = null) =>
        new(local ? Local : Cloud, model, new DeploymentState(), new DeploymentConfig
        {
            Model = model,
            Weight = weight,
            Capabilities = capabilities,
            MaxContextTokens = maxContext,
            Price = price is { } p ? new PriceConfig { InputPer1M = p, OutputPer1M = p } : null,
        });

    public static ModelRoute Route(string policy, params Deployment[] deployments) =>
        new("alias", deployments, SelectionPolicies.ByName[policy]);

    public static string[] Names(IEnumerable<Deployment> deployments) => deployments.Select(d => d.UpstreamModel).ToArray();

    private static UpstreamProvider Provider(string name, bool isLocal) =>
        new(name, new Uri($"http://{name}.example/v1/"), null, null, FrozenDictionary<string, string>.Empty, isLocal);
}
