using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary>
/// The in-process llama.cpp provider behind the gateway, with the real stories260K model: the golden
/// text through the OpenAI API, streaming, refusals, and models loaded and unloaded as configured.
/// </summary>
public sealed class LocalProviderTests : IAsyncLifetime
{
    private GatewayServer _server = null!;
    private string _models = null!;

    public async Task InitializeAsync()
    {
        _models = Directory.CreateTempSubdirectory("sb-local-models-").FullName;
        File.Copy(SharedModels.Stories260K, Path.Combine(_models, "stories.gguf"));
        File.Copy(SharedModels.Stories260K, Path.Combine(_models, "stories-copy.gguf"));
        await File.WriteAllTextAsync(Path.Combine(_models, "broken.gguf"), "GGUF? no.");
        _server = await GatewayServer.StartAsync($$"""
            { "providers": [
                { "name": "local", "type": "llamacpp", "modelsDirectory": "{{_models}}", "chatTemplate": "raw",
                  "parallel": 4, "contextSize": 128, "idleUnloadSeconds": 2, "maxLoadedModels": 1 } ],
              "models": [
                { "alias": "stories", "deployments": [ { "provider": "local", "model": "stories" } ] },
                { "alias": "stories-copy", "deployments": [ { "provider": "local", "model": "stories-copy" } ] },
                { "alias": "broken-then-good", "deployments": [ { "provider": "local", "model": "broken" }, { "provider": "local", "model": "stories" } ] },
                { "alias": "broken", "deployments": [ { "provider": "local", "model": "broken" } ] } ] }
            """);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task Completions_GreedyFromBos_ReproducesTheGoldenText_WithExactUsage()
    {
        var body = await PostJsonAsync("v1/completions", """{"model":"stories","prompt":"","temperature":0,"max_tokens":70}""");

        Assert.Equal(File.ReadAllText(SharedModels.StoriesGolden), body["choices"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("length", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(1, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(70, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChatCompletions_OnARawCompletionAlias_ReproducesTheGoldenText()
    {
        var body = await PostJsonAsync("v1/chat/completions", """{"model":"stories","messages":[{"role":"user","content":""}],"temperature":0,"max_tokens":70}""");

        Assert.Equal(File.ReadAllText(SharedModels.StoriesGolden), body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_Streamed_TokenByToken_EndsWithDone()
    {
        using var response = await PostAsync("v1/chat/completions",
            """{"model":"stories","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":""}],"temperature":0,"max_tokens":70}""");
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        var text = string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));
        Assert.Equal(File.ReadAllText(SharedModels.StoriesGolden), text);
        Assert.True(chunks.Count > 30, "expected one chunk per token or so");
        Assert.Equal(70, chunks[^1]["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task APromptLongerThanTheContext_Is400ContextLengthExceeded()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("Once upon a time there was a girl.", 40));

        using var response = await PostAsync("v1/completions", $$"""{"model":"stories","prompt":"{{prompt}}","max_tokens":5}""");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABadModelFile_FailsOverToTheNextDeployment_AndAloneIsAClearError()
    {
        var served = await PostJsonAsync("v1/completions", """{"model":"broken-then-good","prompt":"Once","temperature":0,"max_tokens":5}""");
        using var alone = await PostAsync("v1/completions", """{"model":"broken","prompt":"Once","max_tokens":5}""");

        Assert.False(string.IsNullOrEmpty(served["choices"]![0]!["text"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, alone.StatusCode);
        Assert.Contains("broken.gguf", await alone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_AreUnloadedWhenIdle_AndEvictedToStayUnderTheLimit()
    {
        await PostJsonAsync("v1/completions", """{"model":"stories","prompt":"Once","max_tokens":3}""");
        Assert.Equal(["stories.gguf"], await LoadedAsync());

        // maxLoadedModels is 1: the copy takes the place of the first.
        await PostJsonAsync("v1/completions", """{"model":"stories-copy","prompt":"Once","max_tokens":3}""");
        Assert.Equal(["stories-copy.gguf"], await LoadedAsync());
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 300 && e.Message.Contains("evicted", StringComparison.Ordinal));

        // idleUnloadSeconds is 2.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await LoadedAsync()).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Empty(await LoadedAsync());
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 300 && e.Message.Contains("idle", StringComparison.Ordinal));
        var metrics = await _server.Http.GetStringAsync("metrics");
        Assert.Matches("""switchboard_local_unloads_total\{[^}]*model="stories.gguf"[^}]*reason="evicted"[^}]*\} 1""", metrics);
        Assert.Matches("""switchboard_local_unloads_total\{[^}]*model="stories-copy.gguf"[^}]*reason="idle"[^}]*\} 1""", metrics);
        Assert.Matches("""switchboard_local_models_loaded\{[^}]*provider="local"[^}]*\} 0""", metrics);
    }

    [Fact]
    public async Task ModelsInTheDirectory_AreListedAsLocalAliases_AndAFileDroppedInAppears()
    {
        var models = await ModelIdsAsync();
        Assert.Contains("local/stories", models);
        Assert.Contains("local/broken", models);

        File.Copy(SharedModels.Stories260K, Path.Combine(_models, "dropped.gguf"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await ModelIdsAsync()).Contains("local/dropped") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var body = await PostJsonAsync("v1/completions", """{"model":"local/dropped","prompt":"","temperature":0,"max_tokens":70}""");
        Assert.Equal(File.ReadAllText(SharedModels.StoriesGolden), body["choices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embeddings_ArePooledNormalisedVectors_WithExactUsage()
    {
        var body = await PostJsonAsync("v1/embeddings", """{"model":"stories","input":["Once upon a time","Once upon a time","The dog ran"]}""");

        var data = body["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        var vectors = data.Select(d => d!["embedding"]!.AsArray().Select(x => x!.GetValue<float>()).ToArray()).ToList();
        Assert.All(vectors, v => Assert.Equal(64, v.Length));
        Assert.All(vectors, v => Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.999, 1.001));
        Assert.Equal(vectors[0], vectors[1]);
        Assert.NotEqual(vectors[0], vectors[2]);
        using var vocabulary = Local.Inference.LlamaModel.Load(SharedModels.Stories260K, Local.Native.LlamaLibrary.Load(), vocabularyOnly: true);
        var expectedTokens = new[] { "Once upon a time", "Once upon a time", "The dog ran" }.Sum(t => vocabulary.Tokenize(t, addSpecial: true).Length);
        Assert.Equal(expectedTokens, body["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task JsonMode_ConstrainsTheOutputToJson()
    {
        var body = await PostJsonAsync("v1/chat/completions",
            """{"model":"stories","messages":[{"role":"user","content":"Once"}],"response_format":{"type":"json_object"},"temperature":0,"max_tokens":40}""");

        Assert.StartsWith("{", body["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalModels_AreLocal_SoLocalOnlyMayUseThem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions")
        {
            Content = new StringContent("""{"model":"stories","prompt":"Once","max_tokens":3}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-switchboard-route", "local-only");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<string>> ModelIdsAsync()
    {
        var body = JsonNode.Parse(await _server.Http.GetStringAsync("v1/models"))!;
        return body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
    }

    private async Task<List<string>> LoadedAsync()
    {
        var body = JsonNode.Parse(await _server.Http.GetStringAsync("api/v1/admin/local-models"))!;
        return body["providers"]!.AsArray().SelectMany(p => p!["loaded"]!.AsArray()).Select(m => Path.GetFileName(m!["path"]!.GetValue<string>())).ToList();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _server.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> PostJsonAsync(string path, string json)
    {
        using var response = await PostAsync(path, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }
}
