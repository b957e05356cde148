using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Switchboard.Server.Cli;

/// <summary>Uploads files through <c>POST /api/v1/documents</c> in batches and follows their jobs through <c>GET /api/v1/documents</c>.</summary>
internal sealed class IngestClient : IDisposable
{
    private static readonly string[] Pending = ["queued", "parsing", "chunking", "embedding", "indexing"];

    private readonly HttpClient _http;

    public IngestClient(Uri server, string apiKey)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public async Task<int> RunAsync(List<string> files, string collection, string? tags, int batchSize, bool wait, TextWriter progress,
        CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var start = 0; start < files.Count; start += batchSize)
        {
            var batch = files.Skip(start).Take(batchSize).ToList();
            using var form = new MultipartFormDataContent { { new StringContent(collection), "collection" } };
            if (tags is not null)
            {
                form.Add(new StringContent(tags), "tags");
            }

            foreach (var file in batch)
            {
                var part = new StreamContent(File.OpenRead(file));
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, "files", Path.GetFileName(file));
            }

            using var response = await _http.PostAsync("api/v1/documents", form, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                progress.WriteLine();
                progress.WriteLine($"Upload refused (HTTP {(int)response.StatusCode}): {Detail(body)}");
                return 1;
            }

            foreach (var document in JsonNode.Parse(body)!["documents"]!.AsArray())
            {
                var outcome = document!["outcome"]!.GetValue<string>();
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }

            Bar(progress, "uploaded", start + batch.Count, files.Count);
        }

        progress.WriteLine();
        progress.WriteLine($"{files.Count} files: {string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}"))}");
        return wait ? await WaitAsync(collection, files.Count, progress, cancellationToken).ConfigureAwait(false) : 0;
    }

    public void Dispose() => _http.Dispose();

    private async Task<int> WaitAsync(string collection, int total, TextWriter progress, CancellationToken cancellationToken)
    {
        var name = Uri.EscapeDataString(collection);
        while (true)
        {
            var pending = 0;
            foreach (var status in Pending)
            {
                pending += await CountAsync($"api/v1/documents?collection={name}&status={status}&limit=1", cancellationToken).ConfigureAwait(false);
            }

            Bar(progress, "processed", Math.Max(0, total - pending), total);
            if (pending == 0)
            {
                break;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        progress.WriteLine();
        var failed = (await _http.GetFromJsonAsync<JsonObject>($"api/v1/documents?collection={name}&status=failed&limit=500", cancellationToken)
            .ConfigureAwait(false))!;
        var ready = await CountAsync($"api/v1/documents?collection={name}&status=ready&limit=1", cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"collection {collection}: {ready} ready, {failed["total"]} failed");
        foreach (var document in failed["documents"]!.AsArray())
        {
            Console.WriteLine($"  failed: {document!["name"]}: {document["error"]}");
        }

        return failed["total"]!.GetValue<int>() == 0 ? 0 : 3;
    }

    private async Task<int> CountAsync(string path, CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<JsonObject>(path, cancellationToken).ConfigureAwait(false))!["total"]!.GetValue<int>();

    private static void Bar(TextWriter progress, string label, int done, int total)
    {
        const int Width = 30;
        var filled = total == 0 ? Width : done * Width / total;
        progress.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string(' ', Width - filled)}] {done}/{total} {label}"));
    }

    private static string Detail(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["detail"]?.GetValue<string>() ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
