using System.Net;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// The HTTP pipeline of a YandexGPT provider. Most requests pass through to the provider's client. Two
/// kinds of attempt need several native calls yet must look like one response to the relay (so its
/// status still decides failover and health): an asynchronous completion is posted, then its operation
/// is polled (about once a second, cancelled with the attempt) and the outcome becomes a completion
/// response or an error with the status of its gRPC code; an embeddings request with several inputs
/// becomes one <c>textEmbedding</c> call per input, answered as a JSON array of the native answers (the
/// first failed call is answered instead). Thread-safe.
/// </summary>
internal sealed class YandexHandler(HttpClient inner, YandexEndpoints endpoints, TimeProvider time) : HttpMessageHandler
{
    /// <summary>Marks a request to <c>completionAsync</c> whose operation is to be awaited.</summary>
    public static readonly HttpRequestOptionsKey<bool> AwaitOperation = new("yandexgpt.await-operation");

    /// <summary>Carries all inputs of an embeddings request (its own body holds the first).</summary>
    public static readonly HttpRequestOptionsKey<EmbeddingCalls> Embeddings = new("yandexgpt.embeddings");

    /// <summary>The native bodies of an embeddings request, one per input.</summary>
    internal sealed record EmbeddingCalls(IReadOnlyList<byte[]> Bodies);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Embeddings, out var calls))
        {
            return await EmbedEachAsync(request, calls, cancellationToken).ConfigureAwait(false);
        }

        var response = await inner.SendAsync(Copy(request, request.Method, request.RequestUri!, request.Content), HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(AwaitOperation, out var awaitOperation) && awaitOperation && response.IsSuccessStatusCode)
        {
            using (response)
            {
                try
                {
                    return await AwaitOperationAsync(request, response, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or InvalidDataException)
                {
                    // The relay treats a send that throws HttpRequestException as a failed connection: fail over.
                    throw new HttpRequestException(HttpRequestError.InvalidResponse, "the YandexGPT operation could not be read", ex);
                }
            }
        }

        return response;
    }

    private async Task<HttpResponseMessage> AwaitOperationAsync(HttpRequestMessage request, HttpResponseMessage started, CancellationToken cancellationToken)
    {
        var operation = await started.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            using var document = JsonDocument.Parse(operation);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.True)
            {
                return Outcome(request, root);
            }

            var id = YandexJson.String(root, "id") ?? throw new InvalidDataException("the YandexGPT operation has no id");
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            using var poll = await inner.SendAsync(Copy(request, HttpMethod.Get, endpoints.Operation(id), content: null), cancellationToken).ConfigureAwait(false);
            if (!poll.IsSuccessStatusCode)
            {
                return Synthesised(request, poll.StatusCode, await poll.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            }

            operation = await poll.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A finished operation as the synchronous method would have answered it.</summary>
    private static HttpResponseMessage Outcome(HttpRequestMessage request, JsonElement operation)
    {
        if (YandexJson.TryObject(operation, "error", out var error))
        {
            var code = YandexJson.Int(error, "code");
            var body = OpenAiShapes.Write(json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("error");
                json.WriteNumber("grpcCode", code);
                json.WriteString("message", YandexJson.String(error, "message") ?? "the YandexGPT operation failed");
                json.WriteEndObject();
                json.WriteEndObject();
            });
            return Synthesised(request, YandexErrors.FromGrpcCode(code), body);
        }

        if (!YandexJson.TryObject(operation, "response", out var result))
        {
            throw new InvalidDataException("the YandexGPT operation finished without a response");
        }

        var completion = OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("result");
            result.WriteTo(json);
            json.WriteEndObject();
        });
        return Synthesised(request, HttpStatusCode.OK, completion);
    }

    private async Task<HttpResponseMessage> EmbedEachAsync(HttpRequestMessage request, EmbeddingCalls calls, CancellationToken cancellationToken)
    {
        // One call at a time: the folder's rate quota is shared with everything else, and order is kept for free.
        var answers = new List<byte[]>(calls.Bodies.Count);
        foreach (var body in calls.Bodies)
        {
            using var response = await inner.SendAsync(Copy(request, HttpMethod.Post, request.RequestUri!, YandexJson.Content(body)), cancellationToken)
                .ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var failed = Synthesised(request, response.StatusCode, answer);
                if (response.Headers.RetryAfter is { } retryAfter)
                {
                    failed.Headers.RetryAfter = retryAfter;
                }

                return failed;
            }

            answers.Add(answer);
        }

        using var array = new MemoryStream();
        array.WriteByte((byte)'[');
        for (var i = 0; i < answers.Count; i++)
        {
            if (i > 0)
            {
                array.WriteByte((byte)',');
            }

            array.Write(answers[i]);
        }

        array.WriteByte((byte)']');
        return Synthesised(request, HttpStatusCode.OK, array.ToArray());
    }

    /// <summary>A request like <paramref name="original"/> (its headers: credential, folder, request id) to another method or URL.</summary>
    private static HttpRequestMessage Copy(HttpRequestMessage original, HttpMethod method, Uri uri, HttpContent? content)
    {
        // The relay's HttpClient has marked the original as sent; the inner client needs a message of its own.
        var copy = new HttpRequestMessage(method, uri) { Content = content, Version = original.Version, VersionPolicy = original.VersionPolicy };
        foreach (var (name, values) in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        return copy;
    }

    private static HttpResponseMessage Synthesised(HttpRequestMessage request, HttpStatusCode status, byte[] body) =>
        new(status) { Content = YandexJson.Content(body), RequestMessage = request };
}
