using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchboard.Gateway.Relay;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// YandexGPT through the Yandex Cloud Foundation Models native API: chat completions (sync, streamed,
/// tools, reasoning, optionally as asynchronous operations) and embeddings, with API-key, IAM-token or
/// service-account authentication (and, for user IAM tokens, the folder in <c>x-folder-id</c>). Requests are translated by
/// <see cref="YandexChatRequest"/> and <see cref="YandexEmbeddings"/>, responses by
/// <see cref="YandexChatResponse"/>, <see cref="YandexChatStream"/> and <see cref="YandexErrors"/>; calls that
/// take several native requests go through <see cref="YandexHandler"/>. One instance per provider config; thread-safe.
/// </summary>
internal sealed class YandexGptAdapter : ProviderAdapter, IDisposable, ITokenCounter
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly AdapterContext _context;
    private readonly YandexEndpoints _endpoints;
    private readonly YandexCredentials _credentials;

    public YandexGptAdapter(AdapterContext context)
    {
        _context = context;
        _endpoints = new YandexEndpoints(context.Provider);
        _credentials = new YandexCredentials(context, _endpoints);
        Http = new HttpClient(new YandexHandler(context.Http, _endpoints, context.Time)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public override HttpClient? Http { get; }

    /// <summary>IAM tokens fetched so far (service-account auth), for tests and diagnostics.</summary>
    internal int IamTokenFetches => _credentials.IamTokenFetches;

    public override bool Supports(UpstreamOperation operation) => operation is UpstreamOperation.ChatCompletions or UpstreamOperation.Embeddings;

    public override async ValueTask<HttpRequestMessage> CreateRequestAsync(AdapterRequest request, CancellationToken cancellationToken)
    {
        var authorization = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (request.Operation == UpstreamOperation.Embeddings)
            {
                var input = YandexEmbeddings.ReadRequest(request.Body);
                var modelUri = _endpoints.EmbUri(request.Deployment.UpstreamModel);
                var bodies = input.Texts.Select(text => YandexEmbeddings.NativeBody(modelUri, text, input.Dimensions)).ToList();
                var embed = Post(_endpoints.TextEmbedding, bodies[0], authorization, request.RequestId);
                embed.Options.Set(YandexHandler.Embeddings, new YandexHandler.EmbeddingCalls(bodies));
                return embed;
            }

            var awaitOperation = _context.Provider.Config?.Async == true && !request.Stream;
            var body = YandexChatRequest.Write(request.Body, _endpoints.GptUri(request.Deployment.UpstreamModel), request.Stream);
            var chat = Post(awaitOperation ? _endpoints.CompletionAsync : _endpoints.Completion, body, authorization, request.RequestId);
            chat.Options.Set(YandexHandler.AwaitOperation, awaitOperation);
            return chat;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a field of an unexpected JSON kind (a message that is not an object).
            throw new ProviderException(ErrorTypes.Unusable, "the request could not be translated for YandexGPT", ex);
        }
    }

    public override void AdaptResponse(HttpResponseMessage response, AdapterRequest request)
    {
        var native = response.Content;
        var status = response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            if (status == HttpStatusCode.Unauthorized)
            {
                _credentials.Rejected();
            }

            // The status stays; only a "prompt too long" (already a 400 at Yandex) gets its OpenAI code.
            response.Content = TranslatedContent.Json(native, bytes => YandexErrors.Translate(status, bytes).Body);
            return;
        }

        var model = request.Deployment.UpstreamModel;
        if (request.Operation == UpstreamOperation.Embeddings)
        {
            var base64 = YandexEmbeddings.ReadRequest(request.Body).Base64;
            response.Content = TranslatedContent.Json(native, bytes => YandexEmbeddings.Translate(bytes, model, base64));
            return;
        }

        var id = "chatcmpl-" + request.RequestId;
        var created = _context.Time.GetUtcNow().ToUnixTimeSeconds();
        response.Content = request.Stream
            ? new TranslatedContent(native, "text/event-stream", (stream, _) => Task.FromResult<Stream>(new YandexChatStream(stream, id, created, model)))
            : TranslatedContent.Json(native, bytes => YandexChatResponse.Translate(bytes, id, created, model));
    }

    /// <summary>How many tokens <paramref name="text"/> is for the deployment's model (Foundation Models <c>tokenize</c>).</summary>
    public async Task<int> CountTokensAsync(Deployment deployment, string text, CancellationToken cancellationToken)
    {
        var body = OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("modelUri", _endpoints.GptUri(deployment.UpstreamModel));
            json.WriteString("text", text);
            json.WriteEndObject();
        });
        var authorization = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        using var request = Post(_endpoints.Tokenize, body, authorization, requestId: null);
        HttpResponseMessage response;
        try
        {
            response = await Http!.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(ErrorTypes.Connection, "YandexGPT could not be reached", ex);
        }

        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    _credentials.Rejected();
                }

                using var error = JsonDocument.Parse(YandexErrors.Translate(response.StatusCode, answer).Body);
                throw new ProviderException(ErrorTypes.OfUpstreamStatus((int)response.StatusCode),
                    error.RootElement.GetProperty("error").GetProperty("message").GetString()!);
            }

            using var document = JsonDocument.Parse(answer);
            return YandexJson.TryArray(document.RootElement, "tokens", out var tokens) ? tokens.GetArrayLength() : 0;
        }
    }

    public void Dispose()
    {
        Http?.Dispose();
        _credentials.Dispose();
    }

    private HttpRequestMessage Post(Uri uri, byte[] body, AuthenticationHeaderValue authorization, string? requestId)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = YandexJson.Content(body),
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        foreach (var (name, value) in _context.Provider.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.Authorization = authorization;
        if (_context.Provider.Config?.Auth == "iam-token")
        {
            // A user's IAM token needs the folder named; API keys and service-account tokens carry it
            // already, and Yandex advises against the header for them.
            message.Headers.TryAddWithoutValidation("x-folder-id", _endpoints.FolderId);
        }
        message.Headers.Accept.Add(AcceptJson);
        if (requestId is not null)
        {
            message.Headers.TryAddWithoutValidation("x-request-id", requestId);
        }

        return message;
    }
}
