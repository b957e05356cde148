using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Tests.Knowledge;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// A real server with the knowledge base (over <see cref="KnowledgeStub"/>) and two tenants: <c>acme</c>, created
/// first and so the operator tenant, with an owner, an admin, a member and a viewer; and <c>globex</c> with an owner
/// and an admin. Every user has logged in (real password login, cheap Argon2) and owns one API key.
/// </summary>
public sealed class TenantsFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    internal KnowledgeStub Stub { get; private set; } = null!;

    public GatewayServer Server { get; private set; } = null!;

    internal Dictionary<string, TenantCaller> Acme { get; } = [];

    internal Dictionary<string, TenantCaller> Globex { get; } = [];

    internal Guid AcmeId { get; private set; }

    internal Guid GlobexId { get; private set; }

    public async Task InitializeAsync()
    {
        Stub = await KnowledgeStub.StartAsync();
        Server = await GatewayServer.StartAsync(KnowledgeFixture.Config(Stub.BaseUrl, """{ "embeddingModel": "embed", "chatModel": "chat" }"""),
            configureServices: services => services.Configure<ControlPlaneOptions>(ControlPlaneTestServices.UseCheapHashing));
        AcmeId = await BootstrapAsync("acme", Acme, UserRole.Admin, UserRole.Member, UserRole.Viewer);
        // A later creation time: acme stays the operator tenant.
        await Task.Delay(20);
        GlobexId = await BootstrapAsync("globex", Globex, UserRole.Admin);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stub.DisposeAsync();
    }

    internal async Task<User> CreateUserAsync(Guid tenantId, string email, UserRole role, string? password = Password)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(tenantId, new NewUser(email, password, role), AuditActor.System, default);
        await Server.RefreshKeysAsync();
        return user;
    }

    internal async Task<string> LoginAsync(string tenant, string email, string password = Password)
    {
        using var client = Server.ClientWithKey(null);
        using var response = await client.PostAsJsonAsync("api/v1/auth/login", new { tenant, email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private async Task<Guid> BootstrapAsync(string slug, Dictionary<string, TenantCaller> callers, params UserRole[] others)
    {
        Guid tenantId;
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var (tenant, owner) = await scope.ServiceProvider.GetRequiredService<AccountService>().BootstrapAsync(
                new NewTenant(slug + " Ltd", slug, "RUB"), new NewUser($"owner@{slug}.example", Password, UserRole.Owner), AuditActor.System, default);
            tenantId = tenant.Id;
            await Server.RefreshKeysAsync();
            callers["owner"] = await CallerAsync(slug, tenantId, owner);
        }

        foreach (var role in others)
        {
            var name = role.ToString().ToLowerInvariant();
            var user = await CreateUserAsync(tenantId, $"{name}@{slug}.example", role);
            callers[name] = await CallerAsync(slug, tenantId, user);
        }

        return tenantId;
    }

    private async Task<TenantCaller> CallerAsync(string slug, Guid tenantId, User user)
    {
        var token = await LoginAsync(slug, user.Email);
        var (key, secret) = await Server.CreateKeyAsync(new NewApiKey($"{user.Email} key", default), KeyOwner.User(user.Id), tenantId);
        return new TenantCaller(user.Role.ToString().ToLowerInvariant(), user.Id, tenantId, user.Email, token, secret, key.Id);
    }
}
