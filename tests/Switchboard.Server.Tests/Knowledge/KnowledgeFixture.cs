using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Knowledge;

/// <summary>A gateway with the knowledge base on, embedding and answering through <see cref="KnowledgeStub"/>.</summary>
public sealed class KnowledgeFixture : IAsyncLifetime
{
    internal KnowledgeStub Stub { get; private set; } = null!;

    public GatewayServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stub = await KnowledgeStub.StartAsync();
        Server = await GatewayServer.StartAsync(Config(Stub.BaseUrl, """{ "embeddingModel": "embed", "chatModel": "chat" }"""));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stub.DisposeAsync();
    }

    internal static string Config(string stubUrl, string knowledge) => $$"""
        {
          "providers": [ { "name": "stub", "type": "openai", "baseUrl": "{{stubUrl}}", "apiKey": "k" } ],
          "models": [
            { "alias": "embed", "deployments": [ { "provider": "stub", "model": "embed-model" } ] },
            { "alias": "chat", "deployments": [ { "provider": "stub", "model": "chat-model", "maxContextTokens": 4096 } ] },
            { "alias": "chat-small", "deployments": [ { "provider": "stub", "model": "chat-model", "maxContextTokens": 2000 } ] }
          ],
          "knowledge": {{knowledge}}
        }
        """;
}

/// <summary>Upload and wait helpers for knowledge-base API tests.</summary>
internal static class KnowledgeApi
{
    public static async Task<JsonArray> UploadAsync(HttpClient http, string collection, params (string Name, string Content)[] files) =>
        await UploadBytesAsync(http, collection, null, [.. files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Content)))]);

    public static async Task<JsonArray> UploadBytesAsync(HttpClient http, string collection, string? tags, params (string Name, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent { { new StringContent(collection), "collection" } };
        if (tags is not null)
        {
            form.Add(new StringContent(tags), "tags");
        }

        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        using var response = await http.PostAsync("api/v1/documents", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!["documents"]!.AsArray();
    }

    /// <summary>Polls until every document is ready or failed; returns them by id.</summary>
    public static async Task<Dictionary<string, JsonObject>> WaitAsync(HttpClient http, IEnumerable<string> ids)
    {
        var result = new Dictionary<string, JsonObject>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var id in ids)
        {
            while (true)
            {
                var document = (await http.GetFromJsonAsync<JsonObject>($"api/v1/documents/{id}"))!;
                if (document["status"]!.GetValue<string>() is "ready" or "failed")
                {
                    result[id] = document;
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Document {id} is still {document["status"]} after 60 s.");
                await Task.Delay(50);
            }
        }

        return result;
    }

    public static async Task<JsonObject> SearchAsync(HttpClient http, object request)
    {
        using var response = await http.PostAsJsonAsync("api/v1/search", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static IEnumerable<string> Ids(JsonArray documents) => documents.Select(d => d!["id"]!.GetValue<string>());
}
