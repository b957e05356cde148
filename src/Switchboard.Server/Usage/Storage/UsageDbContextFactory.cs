using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Usage.Storage;

/// <summary>Creates usage contexts for the configured provider. Singleton; thread-safe.</summary>
internal sealed class UsageDbContextFactory : IDbContextFactory<UsageDbContext>
{
    private readonly Func<UsageDbContext> _create;

    public UsageDbContextFactory(IOptions<UsageOptions> options, ILoggerFactory loggerFactory)
    {
        var usage = options.Value;
        var connectionString = usage.ResolveConnectionString();
        if (usage.Provider == ControlPlaneProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresUsageDbContext>()
                .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(UsageDbContext.MigrationsHistoryTable))
                .UseLoggerFactory(loggerFactory)
                .Options;
            _create = () => new PostgresUsageDbContext(postgres);
        }
        else
        {
            var sqlite = new DbContextOptionsBuilder<SqliteUsageDbContext>()
                .UseSqlite(connectionString, o => o.MigrationsHistoryTable(UsageDbContext.MigrationsHistoryTable))
                .UseLoggerFactory(loggerFactory)
                .Options;
            _create = () => new SqliteUsageDbContext(sqlite);
        }
    }

    public UsageDbContext CreateDbContext() => _create();
}
