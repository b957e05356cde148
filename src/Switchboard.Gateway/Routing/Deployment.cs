using System.Text;
using System.Text.Json;

namespace Switchboard.Gateway.Routing;

/// <summary>One way to serve an alias: a provider and the model name it expects. Immutable.</summary>
internal sealed class Deployment
{
    public Deployment(UpstreamProvider provider, string upstreamModel)
    {
        Provider = provider;
        UpstreamModel = upstreamModel;
        Name = provider.Name + "/" + upstreamModel;
        // The JSON string literal is encoded once here so the hot path only copies bytes.
        UpstreamModelJson = Encoding.UTF8.GetBytes("\"" + JsonEncodedText.Encode(upstreamModel).Value + "\"");
    }

    public UpstreamProvider Provider { get; }

    public string UpstreamModel { get; }

    /// <summary><c>provider/model</c>, used in logs and metrics.</summary>
    public string Name { get; }

    /// <summary>The upstream model name as a quoted, escaped JSON string.</summary>
    public byte[] UpstreamModelJson { get; }
}
