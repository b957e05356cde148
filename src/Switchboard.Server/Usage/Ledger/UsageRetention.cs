using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Configuration;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Usage.Ledger;

/// <summary>
/// Deletes ledger rows older than <c>usage.retentionDays</c> (0 keeps them) shortly after start-up and then once a
/// day. Every process of a cluster does it; the deletes are idempotent.
/// </summary>
internal sealed partial class UsageRetention(IDbContextFactory<UsageDbContext> factory, GatewayConfigProvider config, TimeProvider time,
    ILogger<UsageRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    /// <summary>Deletes the expired rows now; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var days = config.Current.Usage.RetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().AddDays(-days);
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var deleted = await db.UsageRecords.Where(r => r.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogPurged(deleted, days);
            }

            return deleted;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunDelay, time, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} usage rows older than {Days} days")]
    private partial void LogPurged(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired usage rows; trying again tomorrow")]
    private partial void LogFailed(Exception exception);
}
