using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>Creates contexts for the configured provider. Singleton; thread-safe.</summary>
internal sealed class ControlPlaneDbContextFactory : IDbContextFactory<ControlPlaneDbContext>
{
    private readonly Func<ControlPlaneDbContext> _create;

    public ControlPlaneDbContextFactory(IOptions<ControlPlaneOptions> options, ILoggerFactory loggerFactory)
    {
        var storage = options.Value.Storage;
        var connectionString = storage.ResolveConnectionString(options.Value.DataDirectory);
        switch (storage.Provider)
        {
            case ControlPlaneProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<SqliteControlPlaneDbContext>()
                    .UseSqlite(connectionString)
                    .UseLoggerFactory(loggerFactory)
                    .Options;
                _create = () => new SqliteControlPlaneDbContext(sqlite);
                break;
            case ControlPlaneProvider.Postgres:
                var postgres = new DbContextOptionsBuilder<PostgresControlPlaneDbContext>()
                    .UseNpgsql(connectionString)
                    .UseLoggerFactory(loggerFactory)
                    .Options;
                _create = () => new PostgresControlPlaneDbContext(postgres);
                break;
            default:
                throw new InvalidOperationException($"Unknown control-plane provider {storage.Provider}.");
        }

        Provider = storage.Provider;
    }

    public ControlPlaneProvider Provider { get; }

    public ControlPlaneDbContext CreateDbContext() => _create();
}
