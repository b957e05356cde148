using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.Anthropic;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Providers.Anthropic;

public sealed class AnthropicAdapterTests
{
    private static readonly FakeTimeProvider Time = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));

    [Fact]
    public void Supports_ChatCompletionsOnly()
    {
        var adapter = Adapter(out _);

        Assert.True(adapter.Supports(UpstreamOperation.ChatCompletions));
        Assert.False(adapter.Supports(UpstreamOperation.Completions));
        Assert.False(adapter.Supports(UpstreamOperation.Embeddings));
    }

    [Fact]
    public async Task CreateRequestAsync_PostsToMessagesWithKeyVersionAndConfiguredHeaders()
    {
        var adapter = Adapter(out var deployment, headers: new Dictionary<string, string> { ["anthropic-beta"] = "b1" });

        using var request = await adapter.CreateRequestAsync(Request(deployment, """{"model":"x","messages":[{"role":"user","content":"hi"}]}"""), default);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.example.com/v1/messages", request.RequestUri!.ToString());
        Assert.Equal("sk-ant", request.Headers.GetValues("x-api-key").Single());
        Assert.Equal("2023-06-01", request.Headers.GetValues("anthropic-version").Single());
        Assert.Equal("b1", request.Headers.GetValues("anthropic-beta").Single());
        Assert.Equal("req-1", request.Headers.GetValues("x-request-id").Single());
        Assert.Null(request.Headers.Authorization);
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;
        Assert.Equal("claude-x", body["model"]!.GetValue<string>());
        Assert.Equal(512, body["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateRequestAsync_AConfiguredVersion_ReplacesTheDefault()
    {
        var adapter = Adapter(out var deployment, headers: new Dictionary<string, string> { ["anthropic-version"] = "2099-01-01" });

        using var request = await adapter.CreateRequestAsync(Request(deployment, """{"messages":[{"role":"user","content":"hi"}]}"""), default);

        Assert.Equal("2099-01-01", request.Headers.GetValues("anthropic-version").Single());
    }

    [Fact]
    public async Task AdaptResponse_Overloaded_Is503WithAnOpenAiErrorAndHeadersKept()
    {
        var adapter = Adapter(out var deployment);
        using var response = new HttpResponseMessage((HttpStatusCode)529)
        {
            Content = new StringContent("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("request-id", "req_x");

        adapter.AdaptResponse(response, Request(deployment, "{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("req_x", response.Headers.GetValues("request-id").Single());
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("overloaded_error", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdaptResponse_Message_IsAChatCompletionCreatedNow()
    {
        var adapter = Adapter(out var deployment);
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"id":"msg_1","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}""",
                Encoding.UTF8, "application/json"),
        };

        adapter.AdaptResponse(response, Request(deployment, "{}"));

        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(1700000000, completion["created"]!.GetValue<long>());
        Assert.Equal("hi", completion["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void AdaptResponse_EventStream_StaysAnEventStream()
    {
        var adapter = Adapter(out var deployment);
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("", Encoding.UTF8, "text/event-stream") };

        adapter.AdaptResponse(response, Request(deployment, "{}", stream: true));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
    }

    private static AnthropicAdapter Adapter(out Deployment deployment, Dictionary<string, string>? headers = null)
    {
        var config = new ProviderConfig { Name = "anthropic", Type = ProviderTypes.Anthropic, BaseUrl = "https://api.example.com/v1", DefaultMaxTokens = 512 };
        var provider = new UpstreamProvider("anthropic", new Uri("https://api.example.com/v1/"), "sk-ant", null, headers ?? [])
        {
            Type = ProviderTypes.Anthropic,
            Config = config,
        };
        deployment = new Deployment(provider, "claude-x");
        return new AnthropicAdapter(new AdapterContext(provider, new HttpClient(), Time, NullLoggerFactory.Instance));
    }

    private static AdapterRequest Request(Deployment deployment, string body, bool stream = false) =>
        new(deployment, UpstreamOperation.ChatCompletions, Encoding.UTF8.GetBytes(body), stream, "req-1");
}
