using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.Usage.Analytics;
using Switchboard.Server.Usage.Ledger;
using Switchboard.Server.Usage.Policy;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Usage;

/// <summary>
/// Registers the usage side of the control plane: its database and migrations, the ledger (queue, writer, spill,
/// retention), the limits and budgets read from the database for the gateway, and analytics. Call after
/// <c>AddControlPlane</c> (its migrations must run first; tenants' and teams' names come from it).
/// </summary>
internal static class UsageServiceCollectionExtensions
{
    public static IServiceCollection AddUsage(this IServiceCollection services, Action<UsageOptions> configure)
    {
        services.AddUsageStorage(configure);

        // Replaces the gateway's defaults (no ledger, no stored limits), whichever was registered first.
        services.TryAddSingleton<UsageLedger>();
        services.TryAddSingleton<IUsageRowWriter, UsageRowWriter>();
        services.AddSingleton<IUsageSink>(sp => sp.GetRequiredService<UsageLedger>());
        services.AddHostedService<UsageLedgerWriter>();
        services.TryAddSingleton<UsageRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageRetention>());
        services.TryAddSingleton<DatabaseUsagePolicyProvider>();
        services.AddSingleton<IUsagePolicyProvider>(sp => sp.GetRequiredService<DatabaseUsagePolicyProvider>());
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseUsagePolicyProvider>());

        services.TryAddSingleton<AnalyticsService>();
        return services;
    }

    /// <summary>The usage database, its migrations and <see cref="UsagePolicyAdmin"/> (all the <c>limits</c> and <c>budgets</c> CLI verbs need).</summary>
    public static IServiceCollection AddUsageStorage(this IServiceCollection services, Action<UsageOptions> configure)
    {
        services.AddOptions<UsageOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDbContextFactory<UsageDbContext>, UsageDbContextFactory>();
        services.AddHostedService<UsageMigrator>();
        services.TryAddSingleton<UsagePolicyAdmin>();
        return services;
    }
}
