using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class RoutingTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => $$"""
        {
          "providers": [
            { "name": "onprem", "type": "openai", "baseUrl": "{{stub.BaseUrl}}", "local": true },
            { "name": "cloud", "type": "openai", "baseUrl": "{{stub.BaseUrl}}" }
          ],
          "models": [
            { "alias": "sensitive", "deployments": [
                { "provider": "cloud", "model": "cloud-model" },
                { "provider": "onprem", "model": "fail-500" } ] },
            { "alias": "mixed", "deployments": [
                { "provider": "cloud", "model": "cloud-model" },
                { "provider": "onprem", "model": "local-model" } ] },
            { "alias": "rr", "policy": "round-robin", "deployments": [
                { "provider": "cloud", "model": "first" },
                { "provider": "cloud", "model": "second" } ] },
            { "alias": "tooling", "deployments": [
                { "provider": "onprem", "model": "no-tools", "capabilities": { "tools": false } },
                { "provider": "cloud", "model": "with-tools", "capabilities": { "tools": true } } ] },
            { "alias": "small-window", "deployments": [
                { "provider": "onprem", "model": "tiny", "maxContextTokens": 16 } ] }
          ]
        }
        """;

    [Fact]
    public async Task LocalOnly_WhenLocalFails_NeverReachesTheCloud()
    {
        using var response = await SendAsync("sensitive", "local-only");

        // The local deployment's own 500 is passed through; the healthy cloud one was never asked.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(["fail-500"], ModelsSeenFor(response));
        Assert.DoesNotContain(Stub.Requests, r => r.Model == "cloud-model");
    }

    [Fact]
    public async Task LocalOnly_Streaming_NeverReachesTheCloud()
    {
        using var response = await SendAsync("sensitive", "local-only", stream: true);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Stub.Requests, r => r.Model == "cloud-model");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cheapest")]
    [InlineData("prefer-local")]
    public async Task KeyBoundToLocalOnly_StaysLocal_WhateverTheHeaderSays(string? header)
    {
        var (_, key) = Server.CreateKey("on-prem-only", route: "local-only");
        using var client = Server.ClientWithKey(key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"mixed","messages":[{"role":"user","content":"secret"}]}""", Encoding.UTF8, "application/json"),
        };
        if (header is not null)
        {
            request.Headers.Add("x-switchboard-route", header);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["local-model"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task KeyDefault_IsOverriddenByTheHeader_WhenNotLocalOnly()
    {
        var (_, key) = Server.CreateKey("prefers-local", route: "prefer-local");
        using var client = Server.ClientWithKey(key);

        using var byKey = await client.PostAsync("v1/chat/completions",
            new StringContent("""{"model":"mixed","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(["local-model"], ModelsSeenFor(byKey));
    }

    [Fact]
    public async Task PreferLocal_ServesFromTheLocalDeployment()
    {
        using var response = await SendAsync("mixed", "prefer-local");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["local-model"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task WithoutPreference_FollowsThePolicy()
    {
        using var response = await SendAsync("mixed", null);

        Assert.Equal(["cloud-model"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task UnknownRoutePreference_Is400()
    {
        using var response = await SendAsync("mixed", "moon");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_route_preference", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task RoundRobin_AlternatesDeployments()
    {
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await SendAsync("rr", null);
            seen.AddRange(ModelsSeenFor(response));
        }

        Assert.Equal(2, seen.Count(m => m == "first"));
        Assert.Equal(2, seen.Count(m => m == "second"));
        Assert.NotEqual(seen[0], seen[1]);
    }

    [Fact]
    public async Task ToolsRequest_SkipsADeploymentWithoutToolCalling()
    {
        using var response = await SendAsync("tooling", null,
            extra: ""","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]""");

        Assert.Equal(["with-tools"], ModelsSeenFor(response));
    }

    [Fact]
    public async Task PromptLargerThanEveryWindow_Is400ContextLengthExceeded()
    {
        using var response = await SendAsync("small-window", null, content: new string('x', 400));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.Empty(ModelsSeenFor(response));
    }

    private Task<HttpResponseMessage> SendAsync(string alias, string? route, bool stream = false, string extra = "", string content = "x")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(
                $$"""{"model":"{{alias}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{content}}"}]{{extra}}}""",
                Encoding.UTF8, "application/json"),
        };
        if (route is not null)
        {
            request.Headers.Add("x-switchboard-route", route);
        }

        return Server.Http.SendAsync(request);
    }
}
