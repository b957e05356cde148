using Microsoft.Extensions.Time.Testing;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// A real server (SQLite control plane in its temp data directory) on a fake clock, with cheap password
/// hashing, a lockout after three failures, and one tenant, <c>acme</c>. Tests add their own users.
/// </summary>
public sealed class AuthServerFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    public const int MaxFailedAttempts = 3;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    public GatewayServer Server { get; private set; } = null!;

    /// <summary>A client without credentials; tests add an access token per request.</summary>
    public HttpClient Client { get; private set; } = null!;

    internal Guid TenantId { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await GatewayServer.StartAsync("""{ "providers": [], "models": [] }""", configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<ControlPlaneOptions>(options =>
            {
                ControlPlaneTestServices.UseCheapHashing(options);
                options.Lockout.MaxFailedAttempts = MaxFailedAttempts;
            });
        });
        var tenant = await WithAccountsAsync(accounts =>
            accounts.CreateTenantAsync(new NewTenant("Acme", "acme", "RUB"), AuditActor.System, default));
        TenantId = tenant.Id;
        Client = Server.ClientWithKey(null);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Creates a member of <c>acme</c> with <see cref="Password"/>; each test uses its own e-mail.</summary>
    internal Task<User> CreateUserAsync(string email) =>
        WithAccountsAsync(accounts => accounts.CreateUserAsync(TenantId, new NewUser(email, Password, UserRole.Member, "Test User"), AuditActor.System, default));

    internal async Task<T> WithAccountsAsync<T>(Func<AccountService, Task<T>> action)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
