using System.Text;
using System.Text.Json;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Routing;

/// <summary>
/// One way to serve an alias: a provider, the model name it expects and what the config says about it.
/// Immutable, except for the shared live <see cref="State"/>.
/// </summary>
internal sealed class Deployment
{
    public Deployment(UpstreamProvider provider, string upstreamModel, DeploymentState? state = null, DeploymentConfig? config = null)
    {
        Provider = provider;
        UpstreamModel = upstreamModel;
        Name = provider.Name + "/" + upstreamModel;
        State = state ?? new DeploymentState();
        Weight = config?.Weight ?? 1;
        Capabilities = config?.Capabilities ?? NoDeclaredCapabilities;
        MaxContextTokens = config?.MaxContextTokens;
        Price = config?.Price;
        Tags = config?.Tags ?? [];
        MaxConcurrency = config?.MaxConcurrency;
        MaxQueue = config?.MaxQueue ?? 0;
        MaxQueueWait = TimeSpan.FromSeconds(config?.MaxQueueWaitSeconds ?? 0);
        Probe = config?.Probe;
        PriceSortKey = Price is null ? double.PositiveInfinity : (double)(Price.InputPer1M + Price.OutputPer1M);
        // The JSON string literal is encoded once here so the hot path only copies bytes.
        UpstreamModelJson = Encoding.UTF8.GetBytes("\"" + JsonEncodedText.Encode(upstreamModel).Value + "\"");
    }

    private static readonly CapabilitiesConfig NoDeclaredCapabilities = new();

    public UpstreamProvider Provider { get; }

    public DeploymentState State { get; }

    public double Weight { get; }

    public CapabilitiesConfig Capabilities { get; }

    public int? MaxContextTokens { get; }

    public PriceConfig? Price { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>Most attempts in progress at once, or null for no limit.</summary>
    public int? MaxConcurrency { get; }

    public int MaxQueue { get; }

    public TimeSpan MaxQueueWait { get; }

    public ProbeConfig? Probe { get; }

    public bool IsLocal => Provider.IsLocal;

    /// <summary>Input plus output price per million tokens as a sort key; +∞ when unknown, so priced deployments win.</summary>
    public double PriceSortKey { get; }

    public string UpstreamModel { get; }

    /// <summary><c>provider/model</c>, used in logs and metrics.</summary>
    public string Name { get; }

    /// <summary>The upstream model name as a quoted, escaped JSON string.</summary>
    public byte[] UpstreamModelJson { get; }
}
