using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Switchboard.Bench.Local.Http;

/// <summary>
/// Streams text completions (<c>POST /v1/completions</c>, <c>stream: true</c>, temperature 0, usage included)
/// and times their content chunks as they arrive. Thread-safe: one instance runs concurrent streams over its
/// own connection pool.
/// </summary>
internal sealed class CompletionStreamClient(Uri completionsUrl, string apiKey) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        Timeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>Runs <paramref name="streams"/> completions at once; they are sent together so the server batches them.</summary>
    public async Task<HttpDecodeResult> RunAsync(string model, string prompt, int maxTokens, int streams, CancellationToken cancellationToken)
    {
        var tasks = new Task<StreamTiming>[streams];
        for (var i = 0; i < streams; i++)
        {
            tasks[i] = StreamAsync(model, prompt, maxTokens, cancellationToken);
        }

        return new HttpDecodeResult(await Task.WhenAll(tasks).ConfigureAwait(false));
    }

    public async Task<StreamTiming> StreamAsync(string model, string prompt, int maxTokens, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, completionsUrl)
        {
            Content = new StringContent(Body(model, prompt, maxTokens), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"{(int)response.StatusCode} from {completionsUrl}: {error}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        long first = 0, last = 0;
        int chunks = 0, completionTokens = -1;
        string? finish = null;
        var done = false;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var now = Stopwatch.GetTimestamp();
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "data: [DONE]")
            {
                done = true;
                break;
            }

            using var json = JsonDocument.Parse(line.AsMemory(6));
            var root = json.RootElement;
            if (root.TryGetProperty("error", out var problem))
            {
                throw new HttpRequestException("the stream ended with an error: " + problem.GetRawText());
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                completionTokens = usage.GetProperty("completion_tokens").GetInt32();
            }

            if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0)
            {
                var choice = choices[0];
                if (choice.TryGetProperty("text", out var text) && text.GetString() is { Length: > 0 })
                {
                    first = first == 0 ? now : first;
                    last = now;
                    chunks++;
                }

                if (choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String)
                {
                    finish = reason.GetString();
                }
            }
        }

        if (!done || completionTokens < 0 || chunks == 0)
        {
            throw new HttpRequestException($"incomplete stream: [DONE] {(done ? "seen" : "missing")}, usage {(completionTokens < 0 ? "missing" : "seen")}, {chunks} content chunks");
        }

        return new StreamTiming(first, last, chunks, completionTokens, finish ?? "none");
    }

    public void Dispose() => _http.Dispose();

    private static string Body(string model, string prompt, int maxTokens)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("prompt", prompt);
            json.WriteNumber("max_tokens", maxTokens);
            json.WriteNumber("temperature", 0);
            json.WriteBoolean("stream", true);
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
