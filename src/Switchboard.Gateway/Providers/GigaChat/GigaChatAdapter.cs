using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchboard.Gateway.Relay;
using Switchboard.Gateway.Routing;
using static Switchboard.Gateway.Providers.GigaChat.GigaChatJson;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>
/// Sber GigaChat (<c>type: gigachat</c>): chat completions (streamed or not, with functions) and
/// embeddings, translated to and from GigaChat's REST API v1. Requests carry an OAuth access token
/// obtained with the configured authorisation key and scope (<see cref="GigaChatAuthorization"/>) and
/// GigaChat's <c>X-Request-ID</c>; both the OAuth service and the API are reached through the
/// provider's client, which trusts the configured <c>caBundle</c> (the Russian Trusted Root CA). Also
/// lists models and counts tokens for the gateway's own endpoints. One per provider config; thread-safe.
/// </summary>
internal sealed class GigaChatAdapter : ProviderAdapter, IDisposable, ITokenCounter, IModelLister
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");

    private readonly AdapterContext _context;
    private readonly GigaChatAuthorization _authorization;

    public GigaChatAdapter(AdapterContext context)
    {
        _context = context;
        var config = context.Provider.Config;
        _authorization = new GigaChatAuthorization(context.Http, config?.AuthUrl, config?.Scope, context.Provider.ApiKey, context.Time);
    }

    public override HttpClient? Http => _context.Http;

    /// <summary>The token source, for tests: how many tokens were fetched.</summary>
    internal GigaChatAuthorization Authorization => _authorization;

    /// <summary>Releases the token cache; the registry keeps adapters for the process, so this is for hosts that do not.</summary>
    public void Dispose() => _authorization.Dispose();

    public override bool Supports(UpstreamOperation operation) =>
        operation is UpstreamOperation.ChatCompletions or UpstreamOperation.Embeddings;

    public override async ValueTask<HttpRequestMessage> CreateRequestAsync(AdapterRequest request, CancellationToken cancellationToken)
    {
        var model = request.Deployment.UpstreamModel;
        var (path, body) = request.Operation switch
        {
            UpstreamOperation.ChatCompletions => ("chat/completions", GigaChatChatRequest.Build(request.Body, model, request.Stream)),
            UpstreamOperation.Embeddings => ("embeddings", GigaChatEmbeddings.BuildRequest(request.Body, model)),
            _ => throw new ProviderException(ErrorTypes.Unusable, "GigaChat serves chat completions and embeddings only"),
        };
        var native = await CreateApiRequestAsync(HttpMethod.Post, path, request.RequestId, cancellationToken).ConfigureAwait(false);
        native.Content = JsonContent(body);
        native.Headers.Accept.Add(request.Stream ? AcceptEventStream : AcceptJson);
        return native;
    }

    public override void AdaptResponse(HttpResponseMessage response, AdapterRequest request)
    {
        if (!response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Revoked or expired early: the next attempt fetches a new token.
                _authorization.Invalidate();
            }

            var nativeStatus = response.StatusCode;
            response.Content = TranslatedContent.Json(response.Content, body =>
            {
                var (status, translated) = GigaChatErrors.Translate(nativeStatus, body);
                // The relay reads the status after the body, so "context too long" (which only the body
                // tells) can still become the 400 its failover understands.
                response.StatusCode = status;
                return translated;
            });
            return;
        }

        if (request.Operation == UpstreamOperation.Embeddings)
        {
            var base64 = GigaChatEmbeddings.WantsBase64(request.Body);
            response.Content = TranslatedContent.Json(response.Content, body => Readable(() => GigaChatEmbeddings.TranslateResponse(body, base64)));
            return;
        }

        var completionId = "chatcmpl-" + Guid.NewGuid().ToString("N");
        if (string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            response.Content = new TranslatedContent(response.Content, "text/event-stream",
                (stream, _) => Task.FromResult<Stream>(new GigaChatSseStream(stream, completionId)));
            return;
        }

        response.Content = TranslatedContent.Json(response.Content, body => Readable(() => GigaChatChatResponse.Translate(body, completionId)));
    }

    Task<IReadOnlyList<string>> IModelLister.ListModelsAsync(CancellationToken cancellationToken) => ListModelsAsync(cancellationToken);

    async Task<int> ITokenCounter.CountTokensAsync(Deployment deployment, string text, CancellationToken cancellationToken) =>
        (await CountTokensAsync(deployment, text, cancellationToken).ConfigureAwait(false)).Tokens;

    /// <summary>The ids of the models the account may use (<c>GET /models</c>).</summary>
    internal async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        using var request = await CreateApiRequestAsync(HttpMethod.Get, "models", Guid.NewGuid().ToString(), cancellationToken).ConfigureAwait(false);
        request.Headers.Accept.Add(AcceptJson);
        using var document = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        if (TryGet(document.RootElement, "data", JsonValueKind.Array, out var data))
        {
            foreach (var model in data.EnumerateArray())
            {
                if (StringOf(model, "id") is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>How many tokens <paramref name="text"/> is for the deployment's model (<c>POST /tokens/count</c>).</summary>
    internal async Task<GigaChatTokenCount> CountTokensAsync(Deployment deployment, string text, CancellationToken cancellationToken)
    {
        using var request = await CreateApiRequestAsync(HttpMethod.Post, "tokens/count", Guid.NewGuid().ToString(), cancellationToken).ConfigureAwait(false);
        request.Headers.Accept.Add(AcceptJson);
        request.Content = JsonContent(OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", deployment.UpstreamModel);
            json.WriteStartArray("input");
            json.WriteStringValue(text);
            json.WriteEndArray();
            json.WriteEndObject();
        }));
        using var document = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var first = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 ? root[0] : default;
        return new GigaChatTokenCount(IntOf(first, "tokens") ?? throw new ProviderException(ErrorTypes.Upstream5xx, "GigaChat's token count has no tokens"),
            IntOf(first, "characters") ?? text.Length);
    }

    private async Task<HttpRequestMessage> CreateApiRequestAsync(HttpMethod method, string path, string requestId, CancellationToken cancellationToken)
    {
        var token = await _authorization.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var provider = _context.Provider;
        var request = new HttpRequestMessage(method, new Uri(provider.BaseUri, path));
        foreach (var (name, value) in provider.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("X-Request-ID", requestId);
        return request;
    }

    /// <summary>Sends one of the adapter's own calls (not the relay's) and reads its JSON answer.</summary>
    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _context.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(ErrorTypes.Connection, "GigaChat: " + ErrorTypes.DescribeSendFailure(ex), ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    _authorization.Invalidate();
                }

                throw new ProviderException(ErrorTypes.OfUpstreamStatus(status), $"GigaChat answered HTTP {status}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw new ProviderException(ErrorTypes.Upstream5xx, "GigaChat's answer is not JSON", ex);
            }
        }
    }

    private static ByteArrayContent JsonContent(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    // An answer that is not GigaChat's JSON is a broken exchange: the relay treats the IOException like a
    // connection lost mid-body and fails over.
    private static byte[] Readable(Func<byte[]> translate)
    {
        try
        {
            return translate();
        }
        catch (JsonException ex)
        {
            throw new IOException("GigaChat's answer could not be read", ex);
        }
    }
}

/// <summary>GigaChat's count for one text.</summary>
internal readonly record struct GigaChatTokenCount(int Tokens, int Characters);
