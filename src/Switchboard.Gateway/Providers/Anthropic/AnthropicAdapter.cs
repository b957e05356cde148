using System.Net;
using System.Net.Http.Headers;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// Anthropic's Messages API (<c>POST {baseUrl}/messages</c>) behind the OpenAI chat completions surface:
/// the request is translated by <see cref="AnthropicRequestTranslator"/>, answers by
/// <see cref="AnthropicResponseTranslator"/>, streams by <see cref="AnthropicSseStream"/> and errors by
/// <see cref="AnthropicErrorTranslator"/>. Only chat completions: Anthropic has no text completions or
/// embeddings. Stateless apart from its context; thread-safe.
/// </summary>
internal sealed class AnthropicAdapter(AdapterContext context) : ProviderAdapter
{
    /// <summary>The API version this translation was written against (the only stable one).</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary><c>max_tokens</c> is required by the Messages API; used when neither the client nor the config gives one.</summary>
    public const int DefaultMaxTokens = 4096;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public override bool Supports(UpstreamOperation operation) => operation == UpstreamOperation.ChatCompletions;

    public override ValueTask<HttpRequestMessage> CreateRequestAsync(AdapterRequest request, CancellationToken cancellationToken)
    {
        var provider = request.Deployment.Provider;
        var maxTokens = provider.Config?.DefaultMaxTokens ?? DefaultMaxTokens;
        var body = AnthropicRequestTranslator.Translate(request.Body, request.Deployment.UpstreamModel, maxTokens);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(provider.BaseUri, "messages"))
        {
            Content = content,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };

        // Configured headers first, so a provider can pin another anthropic-version or add anthropic-beta.
        foreach (var (name, value) in provider.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (!message.Headers.Contains("anthropic-version"))
        {
            message.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        }

        if (provider.ApiKey is { } key)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Stream ? "text/event-stream" : "application/json"));
        message.Headers.TryAddWithoutValidation("x-request-id", request.RequestId);
        return ValueTask.FromResult(message);
    }

    public override void AdaptResponse(HttpResponseMessage response, AdapterRequest request)
    {
        var native = response.Content;
        var created = context.Time.GetUtcNow().ToUnixTimeSeconds();
        var fallbackModel = request.Deployment.UpstreamModel;
        if (!response.IsSuccessStatusCode)
        {
            var status = AnthropicErrorTranslator.StatusOf(response.StatusCode);
            response.StatusCode = status;
            response.Content = TranslatedContent.Json(native, bytes => AnthropicErrorTranslator.Translate(bytes, status));
            return;
        }

        response.Content = string.Equals(native.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase)
            ? new TranslatedContent(native, "text/event-stream",
                (stream, _) => Task.FromResult<Stream>(new AnthropicSseStream(stream, created, fallbackModel)))
            : TranslatedContent.Json(native, bytes => AnthropicResponseTranslator.Translate(bytes, created, fallbackModel));
    }
}
