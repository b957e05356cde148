namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// Base for test classes that need a gateway of their own (a config the shared fixture must not
/// have, or a config the tests change): one stub upstream and one server per test.
/// </summary>
public abstract class DedicatedGatewayTest : IAsyncLifetime
{
    protected StubUpstream Stub { get; private set; } = null!;

    protected GatewayServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stub = await StubUpstream.StartAsync();
        Server = await GatewayServer.StartAsync(CreateConfig(Stub));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stub.DisposeAsync();
    }

    /// <summary>The upstream models the stub was asked for, in order, while serving this response.</summary>
    protected List<string> ModelsSeenFor(HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("x-request-id").Single();
        return Stub.Requests.Where(r => r.RequestId == id).Select(r => r.Model).ToList();
    }

    /// <summary>The config file the server starts with.</summary>
    protected abstract string CreateConfig(StubUpstream stub);
}
