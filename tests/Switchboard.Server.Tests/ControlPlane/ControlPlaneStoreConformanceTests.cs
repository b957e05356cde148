using Microsoft.Extensions.Time.Testing;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// What every control-plane store must do, run against each provider (<see cref="SqliteControlPlaneStoreTests"/>,
/// <see cref="PostgresControlPlaneStoreTests"/>). Each test gets an empty database of its own, migrated on start.
/// The tests are split by topic over the partial files next to this one.
/// </summary>
public abstract partial class ControlPlaneStoreConformanceTests : IAsyncLifetime
{
    internal const string Password = "correct horse battery";

    private string _dataDirectory = "";

    internal FakeTimeProvider Clock { get; } = ControlPlaneTestServices.NewClock();

    internal ControlPlaneTestServices ControlPlane { get; private set; } = null!;

    internal ControlPlaneStorageOptions Storage { get; private set; } = null!;

    /// <summary>SQL that removes the audit table's append-only triggers, as someone with database access could.</summary>
    protected abstract string DropAuditTriggersSql { get; }

    public async Task InitializeAsync()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("sb-control-").FullName;
        Storage = await CreateEmptyStoreAsync(_dataDirectory);
        ControlPlane = await StartServicesAsync();
    }

    public async Task DisposeAsync()
    {
        await ControlPlane.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    /// <summary>A store backed by a new, empty database.</summary>
    internal abstract Task<ControlPlaneStorageOptions> CreateEmptyStoreAsync(string dataDirectory);

    /// <summary>Another set of services on the same database, like a second process.</summary>
    internal Task<ControlPlaneTestServices> StartServicesAsync(Action<Switchboard.Server.ControlPlane.ControlPlaneOptions>? configure = null) =>
        ControlPlaneTestServices.StartAsync(Storage, _dataDirectory, Clock, configure);

    internal Task<(Tenant Tenant, User Owner)> BootstrapAsync(string slug, string email = "owner@example.com") =>
        ControlPlane.WithAccountsAsync(accounts => accounts.BootstrapAsync(
            new NewTenant(slug.ToUpperInvariant() + " Ltd", slug, "RUB"), new NewUser(email, Password, UserRole.Owner), AuditActor.System, default));

    internal Task<LoginResult> LoginAsync(string slug, string email, string password = Password) =>
        ControlPlane.WithAccountsAsync(accounts => accounts.LoginAsync(new LoginAttempt(slug, email, password, "127.0.0.1"), default));
}
