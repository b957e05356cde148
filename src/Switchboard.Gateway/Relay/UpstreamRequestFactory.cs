using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Relay;

/// <summary>Builds the upstream HTTP request for one attempt. Client headers are not forwarded: the
/// upstream sees the provider's credential, the body and our request id, nothing of the caller's.</summary>
internal static class UpstreamRequestFactory
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public static HttpRequestMessage Create(Deployment deployment, UpstreamOperation operation, PooledBuffer body, bool stream, string requestId)
    {
        var provider = deployment.Provider;
        var content = new ReadOnlyMemoryContent(body.WrittenMemory);
        content.Headers.ContentType = JsonContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, provider.EndpointFor(operation))
        {
            Content = content,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        AddProviderHeaders(request.Headers, provider);
        request.Headers.Accept.Add(stream ? AcceptEventStream : AcceptJson);
        request.Headers.TryAddWithoutValidation("x-request-id", requestId);
        return request;
    }

    /// <summary>The provider's credential and configured extra headers, on every request sent to it (probes too).</summary>
    public static void AddProviderHeaders(HttpRequestHeaders headers, UpstreamProvider provider)
    {
        headers.Authorization = provider.Authorization;
        foreach (var (name, value) in provider.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>The OpenAI path of an operation, for messages.</summary>
    public static string PathOf(UpstreamOperation operation) => operation switch
    {
        UpstreamOperation.ChatCompletions => "/v1/chat/completions",
        UpstreamOperation.Completions => "/v1/completions",
        _ => "/v1/embeddings",
    };

    public static bool IsFailoverStatus(int status) =>
        status is StatusCodes.Status429TooManyRequests or >= StatusCodes.Status500InternalServerError;
}
