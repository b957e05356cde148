using System.Net.Http.Headers;

namespace Switchboard.Gateway.Routing;

/// <summary>
/// A provider ready for use: endpoint URIs resolved and the API key read from the config or the environment.
/// Immutable and shared by every request of one config snapshot.
/// </summary>
internal sealed class UpstreamProvider
{
    public UpstreamProvider(string name, Uri baseUri, string? apiKey, string? unusableReason,
        IReadOnlyDictionary<string, string> headers, bool isLocal = false)
    {
        IsLocal = isLocal;
        Name = name;
        BaseUri = baseUri;
        ChatCompletionsUri = new Uri(baseUri, "chat/completions");
        CompletionsUri = new Uri(baseUri, "completions");
        EmbeddingsUri = new Uri(baseUri, "embeddings");
        ApiKey = apiKey;
        Authorization = apiKey is null ? null : new AuthenticationHeaderValue("Bearer", apiKey);
        UnusableReason = unusableReason;
        Headers = headers;
    }

    public string Name { get; }

    /// <summary>The protocol family (<see cref="Configuration.ProviderTypes"/>); anything but <c>openai</c> is translated by an adapter.</summary>
    public string Type { get; init; } = Configuration.ProviderTypes.OpenAi;

    /// <summary>The provider's config as written, for adapters that need more than a URL and a key.</summary>
    public Configuration.ProviderConfig? Config { get; init; }

    /// <summary>The resolved API key (from the file or the environment), or null. Never logged.</summary>
    public string? ApiKey { get; }

    /// <summary>Runs on the company's own machines; only such providers serve <c>local-only</c> requests.</summary>
    public bool IsLocal { get; }

    /// <summary>Base URL with a trailing slash. Never shown to clients.</summary>
    public Uri BaseUri { get; }

    public Uri ChatCompletionsUri { get; }

    public Uri CompletionsUri { get; }

    public Uri EmbeddingsUri { get; }

    /// <summary>The bearer credential, or null for servers that need none. Never logged.</summary>
    public AuthenticationHeaderValue? Authorization { get; }

    /// <summary>Why requests cannot be sent (e.g. the key's environment variable is unset), or null.</summary>
    public string? UnusableReason { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public Uri EndpointFor(UpstreamOperation operation) => operation switch
    {
        UpstreamOperation.ChatCompletions => ChatCompletionsUri,
        UpstreamOperation.Completions => CompletionsUri,
        UpstreamOperation.Embeddings => EmbeddingsUri,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
