using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Configuration;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage.Analytics;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// The analytics page's data: the usage ledger through <see cref="AnalyticsService"/>, scoped exactly as
/// <c>GET /api/v1/analytics</c> scopes the same user (<see cref="AnalyticsEndpoints.Scope"/> on the user's principal:
/// holders of <c>usage.read</c> see their tenant, everyone else their own requests), shaped into charts, and the same
/// report as CSV. One per circuit.
/// </summary>
internal sealed class UsageAnalyticsService(
    WebUserAccessor users,
    AnalyticsService analytics,
    UsageGroupNames names,
    GatewayConfigProvider config,
    IDbContextFactory<ControlPlaneDbContext> contexts,
    TimeProvider time)
{
    public async Task<UsageView> ReadAsync(UsageSelection selection, CancellationToken cancellationToken)
    {
        var (user, report) = await RunAsync(selection, cancellationToken).ConfigureAwait(false);
        var charts = UsageCharts.Build(report, UsageSelection.Buckets(report.Query));
        var groupNames = await names.ForAsync(user.TenantId, report.Query.GroupBy, report.Breakdown.Select(g => g.Group), cancellationToken)
            .ConfigureAwait(false);
        return new UsageView(report, charts, groupNames, !user.Identity!.Can(Permissions.UsageRead), time.GetUtcNow());
    }

    /// <summary>The selection as the API's CSV (<c>format=csv</c>): one line per bucket and group.</summary>
    public async Task<string> CsvAsync(UsageSelection selection, CancellationToken cancellationToken)
    {
        var (_, report) = await RunAsync(selection, cancellationToken).ConfigureAwait(false);
        return AnalyticsWriter.Csv(report);
    }

    public async Task<UsageFilters> FiltersAsync(CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.ViewUsage, cancellationToken).ConfigureAwait(false);
        var models = config.Current.RoutesInOrder.Select(r => r.Alias).ToList();
        if (!user.Identity!.Can(Permissions.UsageRead))
        {
            return new UsageFilters(models, []);
        }

        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.TenantScope = user.TenantId;
            var teams = await db.Teams.AsNoTracking().Where(t => t.TenantId == user.TenantId).Select(t => new { t.Id, t.Name })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new UsageFilters(models, [.. teams.OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(t => KeyValuePair.Create(t.Id.ToString("D"), t.Name))]);
        }
    }

    private async Task<(WebUser User, AnalyticsReport Report)> RunAsync(UsageSelection selection, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.ViewUsage, cancellationToken).ConfigureAwait(false);
        // Not server-wide: a web user is never the bootstrap key, and acts in their own tenant like a tenant key does.
        var (query, problem) = AnalyticsEndpoints.Scope(user.Identity!, selection.ToQuery(time.GetUtcNow()), serverWide: false);
        if (query is null)
        {
            throw new WebForbiddenException(problem!);
        }

        return (user, await analytics.RunAsync(query, cancellationToken).ConfigureAwait(false));
    }
}
