using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary>
/// Structured output from the in-process llama.cpp provider with the real stories260K model: tools come
/// back as OpenAI <c>tool_calls</c> (streamed too), and <c>json_schema</c> output has the schema's shape.
/// The tiny model writes nonsense values; the grammars guarantee the shapes.
/// </summary>
public sealed class LocalStructuredOutputTests : IAsyncLifetime
{
    // parallel_tool_calls false: allowed a second call, stories260K writes calls until max_tokens cuts the JSON.
    private const string Tools = """
        "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather in a city",
          "parameters":{"type":"object","properties":{"city":{"type":"string","maxLength":10},"unit":{"enum":["c","f"]}},"required":["city","unit"]}}}]
        """;

    private GatewayServer _server = null!;
    private string _models = null!;

    public async Task InitializeAsync()
    {
        _models = Directory.CreateTempSubdirectory("sb-local-structured-").FullName;
        File.Copy(SharedModels.Stories260K, Path.Combine(_models, "stories.gguf"));
        _server = await GatewayServer.StartAsync($$"""
            { "providers": [
                { "name": "local", "type": "llamacpp", "modelsDirectory": "{{_models}}", "chatTemplate": "raw", "parallel": 1, "contextSize": 512 } ],
              "models": [ { "alias": "stories", "deployments": [ { "provider": "local", "model": "stories" } ] } ] }
            """);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task ToolChoiceRequired_ReturnsToolCalls_WithJsonStringArguments()
    {
        var body = await PostJsonAsync($$"""
            {"model":"stories","messages":[{"role":"user","content":"Weather in Paris?"}],{{Tools}},"tool_choice":"required","parallel_tool_calls":false,"temperature":0,"max_tokens":120}
            """);

        var choice = body["choices"]![0]!;
        Assert.True(choice["finish_reason"]!.GetValue<string>() == "tool_calls", body.ToJsonString());
        Assert.Null(choice["message"]!["content"]);
        var call = Assert.Single(choice["message"]!["tool_calls"]!.AsArray())!;
        Assert.StartsWith("call_", call["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        AssertWeatherArguments(call["function"]!["arguments"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToolChoiceRequired_Streamed_EndsWithOneWholeToolCallChunk()
    {
        using var response = await PostAsync($$"""
            {"model":"stories","stream":true,"messages":[{"role":"user","content":"Weather in Paris?"}],{{Tools}},"tool_choice":"required","parallel_tool_calls":false,"temperature":0,"max_tokens":120}
            """);
        var events = await Sse.ReadDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var choices = events[..^1].Select(e => JsonNode.Parse(e)!["choices"]![0]!).ToList();
        Assert.DoesNotContain(choices, c => c["delta"]?["content"] is { } content && content.GetValue<string>().Length > 0);
        var call = Assert.Single(choices, c => c["delta"]?["tool_calls"] is not null)["delta"]!["tool_calls"]![0]!;
        Assert.Equal(0, call["index"]!.GetValue<int>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        AssertWeatherArguments(call["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", choices[^1]["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToolResultsAndEarlierCalls_RenderIntoThePrompt()
    {
        var body = await PostJsonAsync($$$"""
            {"model":"stories","messages":[{"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"unit\":\"c\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"21 degrees"}],
             {{{Tools}}},"tool_choice":"none","temperature":0,"max_tokens":5}
            """);

        Assert.Equal("length", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(body["usage"]!["prompt_tokens"]!.GetValue<int>() > 20);
    }

    [Fact]
    public async Task JsonSchema_ReturnsJsonOfTheSchemasShape()
    {
        var body = await PostJsonAsync("""
            {"model":"stories","messages":[{"role":"user","content":"Once"}],"temperature":0,"max_tokens":150,
             "response_format":{"type":"json_schema","json_schema":{"name":"pet","strict":true,"schema":{"type":"object",
               "properties":{"name":{"type":"string","maxLength":8},"legs":{"type":"integer"},"kind":{"enum":["cat","dog"]}},
               "required":["name","legs","kind"],"additionalProperties":false}}}}
            """);

        var content = body["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        var pet = JsonNode.Parse(content)!.AsObject();
        Assert.Equal(["name", "legs", "kind"], pet.Select(p => p.Key));
        Assert.True(pet["name"]!.GetValue<string>().Length <= 8, content);
        Assert.True(long.TryParse(pet["legs"]!.ToJsonString(), out _), content);
        Assert.Contains(pet["kind"]!.GetValue<string>(), new[] { "cat", "dog" });
    }

    [Fact]
    public async Task AnUnsupportedSchemaKeyword_Is400NamingIt()
    {
        using var response = await PostAsync("""
            {"model":"stories","messages":[{"role":"user","content":"Once"}],"max_tokens":5,
             "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"string","pattern":"^a+$"}}}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'pattern'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertWeatherArguments(string json)
    {
        var arguments = JsonNode.Parse(json)!.AsObject();
        Assert.True(arguments["city"]!.GetValue<string>().Length <= 10);
        Assert.Contains(arguments["unit"]!.GetValue<string>(), new[] { "c", "f" });
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _server.Http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> PostJsonAsync(string json)
    {
        using var response = await PostAsync(json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }
}
