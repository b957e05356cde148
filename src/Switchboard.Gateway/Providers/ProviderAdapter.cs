using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Providers;

/// <summary>
/// One attempt's request as an adapter sees it: the OpenAI body after the relay's edits (the upstream
/// model name is in <c>model</c>; for streams <c>stream_options.include_usage</c> is true).
/// </summary>
internal sealed record AdapterRequest(Deployment Deployment, UpstreamOperation Operation, ReadOnlyMemory<byte> Body, bool Stream, string RequestId);

/// <summary>
/// A provider whose API is not OpenAI's (ADR 006). The relay stays the same; the adapter works at the
/// attempt's two edges: it builds the native HTTP request from the OpenAI body, and it replaces the
/// native response's content with an OpenAI-shaped one — a chat completion, an error in OpenAI's shape
/// (status kept; "context window exceeded" as <c>context_length_exceeded</c>, filtered content as
/// <c>content_filter</c>, so failover classes work unchanged), or an SSE stream of chunks ending with a
/// usage chunk and <c>[DONE]</c> (no <c>[DONE]</c> when the native stream was cut). One instance per
/// provider config, shared by all requests; thread-safe.
/// </summary>
internal abstract class ProviderAdapter
{
    /// <summary>The client for this provider's calls; null means the gateway's shared upstream client.</summary>
    public virtual HttpClient? Http => null;

    /// <summary>Whether the provider can serve this operation at all (e.g. no <c>/v1/completions</c> on Anthropic).</summary>
    public abstract bool Supports(UpstreamOperation operation);

    /// <summary>
    /// The native request. Throws <see cref="ProviderException"/> when it cannot be built (a credential
    /// could not be obtained, the request uses something the provider lacks).
    /// </summary>
    public abstract ValueTask<HttpRequestMessage> CreateRequestAsync(AdapterRequest request, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="response"/>'s content (and, where the provider's differs, its status) with the OpenAI equivalent.</summary>
    public abstract void AdaptResponse(HttpResponseMessage response, AdapterRequest request);
}

/// <summary>An attempt that failed inside an adapter before or while talking to the provider.</summary>
/// <param name="errorType">One of <c>Relay.ErrorTypes</c>: decides failover and health like any other failure.</param>
/// <param name="message">Safe to show to the client: no credential, no upstream URL.</param>
/// <param name="inner">The cause, for the log.</param>
internal sealed class ProviderException(string errorType, string message, Exception? inner = null) : Exception(message, inner)
{
    public string ErrorType { get; } = errorType;
}
