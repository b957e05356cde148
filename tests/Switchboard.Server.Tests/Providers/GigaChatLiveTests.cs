using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// The GigaChat adapter against Sber's real service. Opt-in: set <c>GIGACHAT_AUTH_KEY</c> (the
/// authorisation key from the studio); optionally <c>GIGACHAT_SCOPE</c> (default GIGACHAT_API_PERS),
/// <c>GIGACHAT_CA_BUNDLE</c> (a PEM with the Russian Trusted Root CA, when the system does not trust it)
/// and <c>GIGACHAT_MODEL</c> (default GigaChat).
/// </summary>
public sealed class GigaChatLiveTests : IAsyncLifetime
{
    private const string KeyVariable = "GIGACHAT_AUTH_KEY";

    private GatewayServer? _server;

    private GatewayServer Server => _server!;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KeyVariable)))
        {
            return;
        }

        var scope = Environment.GetEnvironmentVariable("GIGACHAT_SCOPE") ?? "GIGACHAT_API_PERS";
        var caBundle = Environment.GetEnvironmentVariable("GIGACHAT_CA_BUNDLE");
        var model = Environment.GetEnvironmentVariable("GIGACHAT_MODEL") ?? "GigaChat";
        _server = await GatewayServer.StartAsync($$"""
            {
              "gateway": {},
              "providers": [
                { "name": "gigachat", "type": "gigachat", "apiKey": "env:{{KeyVariable}}", "scope": {{JsonSerializer.Serialize(scope)}}
                  {{(string.IsNullOrEmpty(caBundle) ? "" : ", \"caBundle\": " + JsonSerializer.Serialize(caBundle))}} }
              ],
              "models": [
                { "alias": "giga", "deployments": [ { "provider": "gigachat", "model": {{JsonSerializer.Serialize(model)}} } ] },
                { "alias": "giga-embed", "deployments": [ { "provider": "gigachat", "model": "Embeddings" } ] }
              ]
            }
            """);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [LiveFact(KeyVariable)]
    public async Task Chat_Answers()
    {
        ChatCompletion completion = await Server.OpenAi().GetChatClient("giga").CompleteChatAsync(
            [new UserChatMessage("Ответь одним словом: столица России?")], new ChatCompletionOptions { MaxOutputTokenCount = 20 });

        Assert.Contains("Москв", completion.Content[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(completion.Usage.InputTokenCount > 0);
    }

    [LiveFact(KeyVariable)]
    public async Task Stream_EndsWithDoneAndUsage()
    {
        using var response = await Server.Http.PostAsJsonAsync("v1/chat/completions", new
        {
            model = "giga",
            stream = true,
            stream_options = new { include_usage = true },
            messages = new[] { new { role = "user", content = "Посчитай от одного до пяти." } },
        });
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        Assert.True(JsonNode.Parse(events[^2])!["usage"]!["completion_tokens"]!.GetValue<int>() > 0);
    }

    [LiveFact(KeyVariable)]
    public async Task Chat_CallsAFunction()
    {
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool("weather_forecast", "Прогноз погоды в городе",
                    BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string","description":"Город"}},"required":["location"]}""")),
            },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("weather_forecast"),
        };

        ChatCompletion completion = await Server.OpenAi().GetChatClient("giga").CompleteChatAsync([new UserChatMessage("Какая погода в Москве?")], options);

        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("weather_forecast", call.FunctionName);
        Assert.NotNull(JsonNode.Parse(call.FunctionArguments.ToString())!["location"]);
    }

    [LiveFact(KeyVariable)]
    public async Task Embeddings_Answer()
    {
        OpenAIEmbeddingCollection embeddings = await Server.OpenAi().GetEmbeddingClient("giga-embed").GenerateEmbeddingsAsync(["Привет", "мир"]);

        Assert.Equal(2, embeddings.Count);
        Assert.True(embeddings[0].ToFloats().Length > 100);
    }
}
