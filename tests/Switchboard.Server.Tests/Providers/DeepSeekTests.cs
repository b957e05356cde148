using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// DeepSeek is OpenAI-compatible and relayed as it is: <c>reasoning_content</c> must reach the client
/// untouched, streamed and not, and the reasoning tokens must be counted. The stub answers with
/// DeepSeek's documented <c>deepseek-reasoner</c> responses.
/// </summary>
public sealed class DeepSeekTests : IAsyncLifetime
{
    private WebApplication _deepSeek = null!;
    private GatewayServer _server = null!;
    private readonly List<JsonObject> _requests = [];

    public async Task InitializeAsync()
    {
        _deepSeek = LoopbackApp.Create();
        _deepSeek.MapPost("/chat/completions", async (HttpContext context) =>
        {
            var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            lock (_requests)
            {
                _requests.Add(request);
            }

            var stream = request["stream"]?.GetValue<bool>() == true;
            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await context.Response.WriteAsync(GoldenFiles.Read("deepseek", stream ? "chat-reasoner-stream.txt" : "chat-reasoner.json"));
        });
        var address = await LoopbackApp.StartAsync(_deepSeek);
        _server = await GatewayServer.StartAsync($$"""
            { "providers": [ { "name": "deepseek", "type": "openai", "baseUrl": "{{address}}", "apiKey": "sk-deepseek-test" } ],
              "models": [ { "alias": "reasoner", "deployments": [ { "provider": "deepseek", "model": "deepseek-reasoner" } ] },
                          { "alias": "reasoner-streamed", "deployments": [ { "provider": "deepseek", "model": "deepseek-reasoner" } ] } ] }
            """);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _deepSeek.DisposeAsync();
    }

    [Fact]
    public async Task NonStreamed_ReasoningContentAndUsageArriveUntouched_AndReasoningTokensAreCounted()
    {
        using var response = await PostAsync(stream: false);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GoldenFiles.Read("deepseek", "chat-reasoner.json"), body);
        Assert.Equal("deepseek-reasoner", _requests.Single()["model"]!.GetValue<string>());
        var metrics = await _server.Http.GetStringAsync("metrics");
        Assert.Matches("""switchboard_tokens_total\{[^}]*alias="reasoner"[^}]*type="reasoning"\} 31""", metrics);
        Assert.Matches("""switchboard_tokens_total\{[^}]*alias="reasoner"[^}]*type="output"\} 44""", metrics);
    }

    [Fact]
    public async Task Streamed_ReasoningDeltasArriveInOrder_AndTheUsageChunkIsHiddenUnlessAskedFor()
    {
        using var response = await PostAsync(stream: true, alias: "reasoner-streamed");
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        var reasoning = string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["reasoning_content"]?.GetValue<string>()));
        var content = string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));
        Assert.Equal("Compare the tenths: 1 < 8.", reasoning);
        Assert.Equal("9.11 is smaller.", content);
        // The gateway asked for usage on the client's behalf; the client did not, so the usage chunk is not shown.
        Assert.DoesNotContain(chunks, c => c["usage"] is not null);
        Assert.True(_requests.Single()["stream_options"]!["include_usage"]!.GetValue<bool>());
        var metrics = await _server.Http.GetStringAsync("metrics");
        Assert.Matches("""switchboard_tokens_total\{[^}]*alias="reasoner-streamed"[^}]*type="reasoning"\} 31""", metrics);
    }

    [LiveFact("DEEPSEEK_API_KEY")]
    public async Task Live_ReasonerAnswersWithReasoningContent()
    {
        await using var server = await GatewayServer.StartAsync("""
            { "providers": [ { "name": "deepseek", "type": "openai", "baseUrl": "https://api.deepseek.com/v1", "apiKey": "env:DEEPSEEK_API_KEY" } ],
              "models": [ { "alias": "reasoner", "deployments": [ { "provider": "deepseek", "model": "deepseek-reasoner" } ] } ] }
            """);

        using var response = await server.Http.PostAsync("v1/chat/completions", new StringContent(
            """{"model":"reasoner","messages":[{"role":"user","content":"Which is larger, 9.11 or 9.8? One word."}]}""", Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(body["choices"]![0]!["message"]!["reasoning_content"]?.GetValue<string>()));
        Assert.True(body["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>() > 0);
    }

    private Task<HttpResponseMessage> PostAsync(bool stream, string alias = "reasoner") =>
        _server.Http.PostAsync("v1/chat/completions", new StringContent(
            $$"""{"model":"{{alias}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"9.11 and 9.8, which is greater?"}]}""",
            Encoding.UTF8, "application/json"));
}
