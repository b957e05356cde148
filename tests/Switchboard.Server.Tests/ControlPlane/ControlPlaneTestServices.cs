using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// The control plane's services as the server registers them, over a given store, with a fake clock and
/// cheap Argon2 parameters. Starting runs the hosted services (migrations, audit writer) like a host would.
/// </summary>
internal sealed class ControlPlaneTestServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _started = [];

    private ControlPlaneTestServices(ServiceProvider provider) => _provider = provider;

    public IServiceProvider Services => _provider;

    /// <summary>Test-speed Argon2id: the format and code path are the real ones, only the cost is low.</summary>
    public static void UseCheapHashing(ControlPlaneOptions options) =>
        options.PasswordHashing = new PasswordHashingOptions { MemoryKiB = 1024, Iterations = 1, Parallelism = 1 };

    public static async Task<ControlPlaneTestServices> StartAsync(ControlPlaneStorageOptions storage, string dataDirectory, TimeProvider time,
        Action<ControlPlaneOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
        services.AddControlPlane(options =>
        {
            options.DataDirectory = dataDirectory;
            options.Storage = storage;
            UseCheapHashing(options);
            configure?.Invoke(options);
        });
        var result = new ControlPlaneTestServices(services.BuildServiceProvider(validateScopes: true));
        foreach (var hosted in result._provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            result._started.Add(hosted);
        }

        return result;
    }

    public ControlPlaneDbContext CreateDbContext() => _provider.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContext();

    /// <summary>Runs <paramref name="action"/> with a fresh scope's account service (as one request would).</summary>
    public async Task<T> WithAccountsAsync<T>(Func<AccountService, Task<T>> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    public AuditLog Audit => _provider.GetRequiredService<AuditLog>();

    public async Task<AuditVerification> VerifyAuditAsync()
    {
        await Audit.FlushAsync(CancellationToken.None);
        return await _provider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2030, 1, 15, 9, 30, 0, TimeSpan.Zero));
}
