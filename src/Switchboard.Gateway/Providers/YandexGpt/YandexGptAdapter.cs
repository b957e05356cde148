using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>PLACEHOLDER: being implemented (issue #7).</summary>
internal sealed class YandexGptAdapter(AdapterContext context) : ProviderAdapter
{
    public override bool Supports(UpstreamOperation operation) => false;

    public override ValueTask<HttpRequestMessage> CreateRequestAsync(AdapterRequest request, CancellationToken cancellationToken) =>
        throw new ProviderException(Relay.ErrorTypes.Unusable, $"provider '{context.Provider.Name}' is not available yet");

    public override void AdaptResponse(HttpResponseMessage response, AdapterRequest request)
    {
    }
}
