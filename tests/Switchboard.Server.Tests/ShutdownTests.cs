using System.Net;
using System.Text;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task GracefulShutdown_LetsInFlightStreamFinish()
    {
        await using var stub = await StubUpstream.StartAsync();
        var server = await GatewayServer.StartAsync(GatewayServer.Config(stub,
            """[ { "alias": "slow", "deployments": [ { "provider": "stub", "model": "slow" } ] } ]"""), shutdownTimeout: TimeSpan.FromSeconds(30));
        HttpResponseMessage response;
        Task stopping;
        await using (server)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent("""{"model":"slow","stream":true,"messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
            };
            response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

            // Shut down while the stream (about a second long) is in flight.
            stopping = server.App.StopAsync();
            var events = await Sse.ReadDataAsync(response);
            await stopping;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("[DONE]", events[^1]);
            Assert.Equal(13, events.Count); // role, 10 parts, finish, [DONE]
        }

        response.Dispose();
    }
}
