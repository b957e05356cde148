using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Switchboard.Server.Cli;

/// <summary>
/// Embeds texts through any OpenAI-compatible <c>/embeddings</c> endpoint — typically a running Switchboard, so every
/// alias (cloud, local GGUF) can be evaluated. Used by <c>eval retrieval --mode vector|hybrid</c>.
/// </summary>
internal sealed class HttpEmbedder(Uri baseUrl, string model, string? apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl.ToString().TrimEnd('/') + "/embeddings"))
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = model, ["input"] = new JsonArray([.. inputs.Select(i => JsonValue.Create(i))]) }),
        };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The embeddings endpoint answered HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }

        var data = JsonNode.Parse(body)?["data"] as JsonArray ?? throw new HttpRequestException("The embeddings response has no 'data' array.");
        var vectors = new float[inputs.Count][];
        foreach (var item in data.OfType<JsonObject>())
        {
            vectors[item["index"]!.GetValue<int>()] = [.. item["embedding"]!.AsArray().Select(v => v!.GetValue<float>())];
        }

        return vectors.Any(v => v is null) ? throw new HttpRequestException("The embeddings response skipped some inputs.") : vectors;
    }

    public void Dispose() => _http.Dispose();
}
