using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class BadInputTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("{\"model\":\"gpt-test\",\"messages\":[}", "line 1, position 33")]
    [InlineData("{\"model\":\"gpt-test\",\n\"messages\":[{\"role\":\"user\" \"content\":\"x\"}]}", "line 2, position 28")]
    [InlineData("{\"model\":\"gpt-test\"", "line 1")]
    [InlineData("not json", "line 1, position 2")]
    public async Task MalformedJson_Is400NamingThePosition(string body, string position)
    {
        var error = await PostErrorAsync(body, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_json", error["code"]!.GetValue<string>());
        Assert.Contains(position, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonObjectBody_Is400()
    {
        var error = await PostErrorAsync("[1,2]", HttpStatusCode.BadRequest);

        Assert.Contains("JSON object", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"gpt-test"}""", "messages")]
    [InlineData("""{"model":"gpt-test","messages":null}""", "messages")]
    public async Task MissingField_Is400NamingTheField(string body, string field)
    {
        var error = await PostErrorAsync(body, HttpStatusCode.BadRequest);

        Assert.Equal(field, error["param"]!.GetValue<string>());
        Assert.Contains($"'{field}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":42,"messages":[]}""", "model")]
    [InlineData("""{"model":"gpt-test","messages":"hi"}""", "messages")]
    [InlineData("""{"model":"gpt-test","messages":[],"stream":"yes"}""", "stream")]
    public async Task WrongType_Is400NamingTheField(string body, string field)
    {
        var error = await PostErrorAsync(body, HttpStatusCode.BadRequest);

        Assert.Equal(field, error["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownAlias_Is404ModelNotFound()
    {
        var error = await PostErrorAsync("""{"model":"gpt-9000","messages":[]}""", HttpStatusCode.NotFound);

        Assert.Equal("model_not_found", error["code"]!.GetValue<string>());
        Assert.Contains("gpt-9000", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownV1Path_Is404InOpenAiShape()
    {
        using var response = await fixture.Server.Http.GetAsync("v1/assistants");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Theory]
    [InlineData("GET", "v1/chat/completions", "POST")]
    [InlineData("PUT", "v1/embeddings", "POST")]
    [InlineData("POST", "v1/models", "GET")]
    [InlineData("DELETE", "v1/models/gpt-test", "GET")]
    public async Task WrongMethodOnKnownPath_Is405WithAllow(string method, string path, string allowed)
    {
        using var response = await fixture.Server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed, Assert.Single(response.Content.Headers.Allow));
        Assert.Equal("method_not_allowed", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpstreamUnreachable_Is502NamingTheAliasWithoutLeakingUrlsOrKeys()
    {
        using var response = await PostAsync("""{"model":"down","messages":[{"role":"user","content":"x"}]}""");
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonNode.Parse(text)!["error"]!;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("'down'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http", text, StringComparison.Ordinal);
        Assert.DoesNotContain("down-secret-key", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamClientError_PassesThroughWithStatusAndBody_WithoutFailover()
    {
        using var response = await PostAsync("""{"model":"no-failover-400","messages":[{"role":"user","content":"x"}]}""");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_temp", error["code"]!.GetValue<string>());
        Assert.Single(fixture.UpstreamRequestsFor(response));
    }

    [Fact]
    public async Task LastDeploymentServerError_PassesThroughWithStatusAndBody()
    {
        using var response = await PostAsync("""{"model":"only-500","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("upstream exploded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastDeploymentRateLimited_PassesThrough429WithRetryAfter()
    {
        using var response = await PostAsync("""{"model":"only-429","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        fixture.Server.Http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> PostErrorAsync(string body, HttpStatusCode status)
    {
        using var response = await PostAsync(body);
        Assert.Equal(status, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
    }
}
