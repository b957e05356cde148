using System.Net;
using System.Text;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class TimeoutFailoverTests : IAsyncLifetime
{
    private StubUpstream _stub = null!;
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubUpstream.StartAsync();
        _server = await GatewayServer.StartAsync(GatewayServer.Config(_stub, """
            [ { "alias": "stall-then-ok", "deployments": [ { "provider": "stub", "model": "stall" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "stall", "deployments": [ { "provider": "stub", "model": "stall" } ] } ]
            """, gateway: """{ "upstreamTimeoutSeconds": 0.5 }"""));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task StalledDeployment_TimesOutAbortsUpstreamAndFailsOver()
    {
        using var response = await PostAsync("stall-then-ok");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("x-request-id").Single();
        Assert.Equal(["stall", "upstream-model"], _stub.Requests.Where(r => r.RequestId == requestId).Select(r => r.Model));
        Assert.True(await _stub.WaitForAbortAsync(requestId), "the stalled upstream request was not aborted");
    }

    [Fact]
    public async Task OnlyDeploymentStalls_Is504()
    {
        using var response = await PostAsync("stall");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("upstream_timeout", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(string alias) =>
        _server.Http.PostAsync("v1/chat/completions", new StringContent(
            $$"""{"model":"{{alias}}","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"));
}
