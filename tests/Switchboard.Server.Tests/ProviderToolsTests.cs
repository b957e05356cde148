using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary>Token counting and provider model lists: the refusals (the provider tests cover the answers).</summary>
public sealed class ProviderToolsTests : DedicatedGatewayTest
{
    protected override string CreateConfig(StubUpstream stub) => GatewayServer.Config(stub, """
        [ { "alias": "plain", "deployments": [ { "provider": "stub", "model": "m" } ] },
          { "alias": "other", "deployments": [ { "provider": "stub", "model": "m" } ] } ]
        """);

    [Theory]
    [InlineData("""{"model":"plain","input":"hello"}""", 400, "tokenize_unsupported")]
    [InlineData("""{"model":"ghost","input":"hello"}""", 404, "model_not_found")]
    [InlineData("""{"model":"plain"}""", 400, null)]
    [InlineData("""not json""", 400, null)]
    public async Task Tokenize_Refusals_NameTheProblem(string body, int status, string? code)
    {
        using var response = await Server.Http.PostAsync("api/v1/tokenize", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, error["code"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Tokenize_NeedsAKeyAllowedToUseTheModel()
    {
        var (_, key) = Server.CreateKey("other-only", ["other"]);
        using var allowedElsewhere = Server.ClientWithKey(key);
        using var anonymous = Server.ClientWithKey(null);

        using var forbidden = await allowedElsewhere.PostAsync("api/v1/tokenize", new StringContent("""{"model":"plain","input":"x"}""", Encoding.UTF8, "application/json"));
        using var unauthorized = await anonymous.PostAsync("api/v1/tokenize", new StringContent("""{"model":"plain","input":"x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task ProviderModels_AreForAdmins_AndNamedProvidersOnly()
    {
        var (_, key) = Server.CreateKey("member");
        using var member = Server.ClientWithKey(key);

        using var notAdmin = await member.GetAsync("api/v1/admin/providers/stub/models");
        using var unknown = await Server.Http.GetAsync("api/v1/admin/providers/nope/models");
        using var unsupported = await Server.Http.GetAsync("api/v1/admin/providers/stub/models");

        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Contains("cannot list its models", await unsupported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
