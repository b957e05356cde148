using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class BodyLimitTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) =>
        GatewayServer.Config(stub,
            """[ { "alias": "gpt-test", "deployments": [ { "provider": "stub", "model": "ok" } ] } ]""",
            gateway: """{ "maxRequestBodyBytes": 2048 }""");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverLimit_Is413AndNeverReachesUpstream(bool chunked)
    {
        var body = $$"""{"model":"gpt-test","messages":[{"role":"user","content":"{{new string('x', 4096)}}"}]}""";
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)))
            : new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Server.Http.PostAsync("v1/chat/completions", content);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("2048", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Stub.Requests);
    }

    [Fact]
    public async Task BodyUnderLimit_IsServed()
    {
        using var response = await Server.Http.PostAsync("v1/chat/completions",
            new StringContent("""{"model":"gpt-test","messages":[{"role":"user","content":"short"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
