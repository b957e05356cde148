using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.Usage.Analytics;

/// <summary>
/// <c>GET /api/v1/analytics</c> (docs/usage-analytics.md) for API keys and logged-in users: the bootstrap key sees
/// any tenant (<c>tenant</c>), holders of <c>usage.read</c> their tenant, everyone else only their own requests.
/// Errors are problem details.
/// </summary>
internal static class AnalyticsEndpoints
{
    public static WebApplication MapAnalyticsEndpoints(this WebApplication app)
    {
        // Everyone who may call models may read usage; how much of it depends on usage.read (see Scope).
        app.MapGet("/api/v1/analytics", HandleAsync).RequirePermission(Permissions.ChatUse);
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var (query, problem) = AnalyticsQuery.Parse(context.Request.Query, services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (query is null)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid analytics query", detail: problem)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // The bootstrap key reads the whole server unless it acts in one tenant (X-Switchboard-Tenant).
        var serverWide = context.Request.Headers[ProductAuthenticator.TenantHeader].Count == 0;
        var (scoped, refusal) = Scope(ApiPrincipal.Get(context), query, serverWide);
        if (scoped is null)
        {
            await AuthorizationFailure.Forbidden(refusal!).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        query = scoped;

        var report = await services.GetRequiredService<AnalyticsService>().RunAsync(query, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        if (query.Csv)
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"switchboard-usage.csv\"";
            await Results.Text(AnalyticsWriter.Csv(report), "text/csv; charset=utf-8").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await AnalyticsWriter.WriteJsonAsync(context.Response, report, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Narrows the query to what the caller may see: the bootstrap key the whole server (or the tenant it names), unless
    /// it acts in one tenant; holders of
    /// usage.read their tenant; everyone else their own requests (the user's, or the key's for team and service keys).
    /// </summary>
    internal static (AnalyticsQuery? Query, string? Problem) Scope(ApiPrincipal principal, AnalyticsQuery query, bool serverWide)
    {
        var own = principal.TenantId?.ToString("D");
        if (principal.Kind == PrincipalKind.BootstrapAdmin && serverWide)
        {
            return (query, null);
        }

        if (query.Tenant is { } asked && !string.Equals(asked, own, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "You may only read your own tenant's usage.");
        }

        query = query with { Tenant = own };
        if (principal.Can(Permissions.UsageRead))
        {
            return (query, null);
        }

        return principal.UserId is { } user
            ? (query with { User = user.ToString("D") }, null)
            : (query with { Key = principal.Gateway.KeyId }, null);
    }
}
