using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Hosting;

namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>
/// A real Switchboard server — the host <c>switchboard serve</c> builds, web application included — on a free loopback
/// port with its own temp config and data, and one tenant with an owner, a member and a viewer.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    public static readonly TestAccount Owner = new("owner@acme.test", "owner-password-1", "owner");
    public static readonly TestAccount Member = new("member@acme.test", "member-password-1", "member");
    public static readonly TestAccount Viewer = new("viewer@acme.test", "viewer-password-1", "viewer");

    private readonly string _root;

    private WebServer(string root, WebApplication app, Uri baseAddress)
    {
        _root = root;
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>A config whose aliases point at <paramref name="stub"/>: chat (echo), long (2,000 tokens), xss, embed; the knowledge base on.</summary>
    public static string Config(WebStub stub) => $$"""
        {
          "providers": [ { "name": "stub", "type": "openai", "baseUrl": "{{stub.BaseUrl}}", "apiKey": "k" } ],
          "models": [
            { "alias": "chat", "deployments": [ { "provider": "stub", "model": "echo", "maxContextTokens": 8192 } ] },
            { "alias": "long", "deployments": [ { "provider": "stub", "model": "tokens-2000", "maxContextTokens": 8192 } ] },
            { "alias": "xss", "deployments": [ { "provider": "stub", "model": "xss", "maxContextTokens": 8192 } ] },
            { "alias": "embed", "deployments": [ { "provider": "stub", "model": "embed" } ] }
          ],
          "knowledge": { "embeddingModel": "embed", "chatModel": "chat" }
        }
        """;

    public static async Task<WebServer> StartAsync(string configJson, Action<IServiceCollection>? configureServices = null)
    {
        var root = Directory.CreateTempSubdirectory("switchboard-web-").FullName;
        var configPath = Path.Combine(root, "switchboard.json");
        await File.WriteAllTextAsync(configPath, configJson);
        var app = SwitchboardHost.Build(
            new ServeOptions { Port = 0, ConfigPath = configPath, DataDirectory = Path.Combine(root, "data"), ShutdownTimeout = TimeSpan.FromSeconds(2) },
            configureServices);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new WebServer(root, app, new Uri(address + "/"));
        await server.BootstrapAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private async Task BootstrapAsync()
    {
        using var scope = App.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var (tenant, _) = await accounts.BootstrapAsync(new NewTenant("Acme", "acme", "RUB"),
            new NewUser(Owner.Email, Owner.Password, UserRole.Owner, "Olga Owner"), AuditActor.System, CancellationToken.None);
        await accounts.CreateUserAsync(tenant.Id, new NewUser(Member.Email, Member.Password, UserRole.Member, "Mark Member"), AuditActor.System, CancellationToken.None);
        await accounts.CreateUserAsync(tenant.Id, new NewUser(Viewer.Email, Viewer.Password, UserRole.Viewer, "Vera Viewer"), AuditActor.System, CancellationToken.None);
    }
}
