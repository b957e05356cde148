using Microsoft.EntityFrameworkCore;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>
/// Brings the control-plane database to the current schema before the server takes requests. EF Core's
/// migration lock makes concurrent start-ups of several processes safe.
/// </summary>
internal sealed partial class ControlPlaneMigrator(IDbContextFactory<ControlPlaneDbContext> factory, ILogger<ControlPlaneMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            if (db is SqliteControlPlaneDbContext && db.Database.GetDbConnection().DataSource is { Length: > 0 } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(pending.Count, pending);
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }

            if (db is SqliteControlPlaneDbContext)
            {
                // Readers (the CLI, the verifier) never block the writer and vice versa; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} control-plane migration(s): {Migrations}")]
    private partial void LogMigrating(int count, IEnumerable<string> migrations);
}
