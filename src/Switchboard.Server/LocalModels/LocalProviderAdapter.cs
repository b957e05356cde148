using System.Net;
using System.Net.Http.Headers;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Routing;
using Switchboard.Local.Serving;

namespace Switchboard.Server.LocalModels;

/// <summary>
/// The <c>llamacpp</c> provider type: requests go, unchanged, to an in-process <see cref="LocalOpenAiHandler"/>
/// instead of over the network, so the local model is "an upstream" like any other to the relay (ADR 007).
/// </summary>
internal sealed class LocalProviderAdapter(LocalModelManager manager) : ProviderAdapter
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public override HttpClient Http { get; } = new(new LocalOpenAiHandler(manager)) { Timeout = Timeout.InfiniteTimeSpan };

    public override bool Supports(UpstreamOperation operation) => true;

    public override ValueTask<HttpRequestMessage> CreateRequestAsync(AdapterRequest request, CancellationToken cancellationToken)
    {
        var path = request.Operation switch
        {
            UpstreamOperation.ChatCompletions => "chat/completions",
            UpstreamOperation.Completions => "completions",
            _ => "embeddings",
        };
        var content = new ReadOnlyMemoryContent(request.Body);
        content.Headers.ContentType = JsonContentType;
        return ValueTask.FromResult(new HttpRequestMessage(HttpMethod.Post, new Uri(request.Deployment.Provider.BaseUri, path))
        {
            Content = content,
            Version = HttpVersion.Version11,
        });
    }

    public override void AdaptResponse(HttpResponseMessage response, AdapterRequest request)
    {
        // Already OpenAI-shaped: the handler speaks the protocol.
    }
}
