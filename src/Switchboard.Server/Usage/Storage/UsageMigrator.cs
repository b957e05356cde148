using Microsoft.EntityFrameworkCore;

namespace Switchboard.Server.Usage.Storage;

/// <summary>
/// Brings the usage database to the current schema before the server takes requests (and before the limits and
/// budgets are loaded). EF Core's migration lock makes concurrent start-ups safe.
/// </summary>
internal sealed partial class UsageMigrator(IDbContextFactory<UsageDbContext> factory, ILogger<UsageMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            if (db is SqliteUsageDbContext && db.Database.GetDbConnection().DataSource is { Length: > 0 } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(pending.Count, pending);
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }

            if (db is SqliteUsageDbContext)
            {
                // The ledger writer never blocks analytics readers (and the CLI) and vice versa.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} usage-store migration(s): {Migrations}")]
    private partial void LogMigrating(int count, IEnumerable<string> migrations);
}
