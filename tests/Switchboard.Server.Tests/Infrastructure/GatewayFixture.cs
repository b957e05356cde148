using System.Net;
using System.Net.Sockets;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// One stub upstream and one gateway shared by a test class. The aliases cover the behaviours the
/// stub offers; <c>down</c> points at a loopback port nobody listens on. Passive health is off so that
/// tests sharing the server cannot take each other's deployments out of rotation (HealthTests cover it).
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public StubUpstream Stub { get; private set; } = null!;

    public GatewayServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stub = await StubUpstream.StartAsync();
        var downProvider = $$""", { "name": "down", "type": "openai", "baseUrl": "http://127.0.0.1:{{ClosedPort()}}/v1", "apiKey": "down-secret-key" }""";
        Server = await GatewayServer.StartAsync(GatewayServer.Config(Stub, """
            [
              { "alias": "gpt-test", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "tools", "deployments": [ { "provider": "stub", "model": "tools" } ] },
              { "alias": "embed", "deployments": [ { "provider": "stub", "model": "text-embedding-stub" } ] },
              { "alias": "failover-500", "deployments": [ { "provider": "stub", "model": "fail-500" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "failover-429", "deployments": [ { "provider": "stub", "model": "fail-429" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "failover-down", "deployments": [ { "provider": "down", "model": "m" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "failover-stream", "deployments": [ { "provider": "stub", "model": "cut-before-first" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "no-failover-400", "deployments": [ { "provider": "stub", "model": "fail-400" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "only-500", "deployments": [ { "provider": "stub", "model": "fail-500" } ] },
              { "alias": "only-429", "deployments": [ { "provider": "stub", "model": "fail-429" } ] },
              { "alias": "down", "deployments": [ { "provider": "down", "model": "m" }, { "provider": "down", "model": "m2" } ] },
              { "alias": "cut", "deployments": [ { "provider": "stub", "model": "cut" }, { "provider": "stub", "model": "upstream-model" } ] },
              { "alias": "context-ctx-openai", "deployments": [ { "provider": "stub", "model": "ctx-openai" }, { "provider": "stub", "model": "big-window" } ] },
              { "alias": "context-ctx-vllm", "deployments": [ { "provider": "stub", "model": "ctx-vllm" }, { "provider": "stub", "model": "big-window" } ] },
              { "alias": "context-ctx-llamacpp", "deployments": [ { "provider": "stub", "model": "ctx-llamacpp" }, { "provider": "stub", "model": "big-window" } ] },
              { "alias": "context-ctx-ollama", "deployments": [ { "provider": "stub", "model": "ctx-ollama" }, { "provider": "stub", "model": "big-window" } ] },
              { "alias": "context-only", "deployments": [ { "provider": "stub", "model": "ctx-openai" } ] },
              { "alias": "truncated", "deployments": [ { "provider": "stub", "model": "truncated" } ] },
              { "alias": "slow", "deployments": [ { "provider": "stub", "model": "slow" } ] },
              { "alias": "stall", "deployments": [ { "provider": "stub", "model": "stall" } ] }
            ]
            """, gateway: """{ "health": { "enabled": false } }""", extraProviders: downProvider));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stub.DisposeAsync();
    }

    /// <summary>Requests the stub received for one gateway request id.</summary>
    public List<RecordedRequest> UpstreamRequestsFor(HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("x-request-id").Single();
        return Stub.Requests.Where(r => r.RequestId == id).ToList();
    }

    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
