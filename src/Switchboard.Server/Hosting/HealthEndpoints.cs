using Switchboard.Gateway.Configuration;

namespace Switchboard.Server.Hosting;

/// <summary>
/// <c>/healthz</c>: the process is alive. <c>/readyz</c>: it should receive traffic — a config is in force
/// and the server is not shutting down (so a load balancer drains it first).
/// </summary>
internal static class HealthEndpoints
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var lifetime = app.Lifetime;
        var config = app.Services.GetRequiredService<GatewayConfigProvider>();
        app.MapGet("/healthz", () => Results.Text("ok\n")).AllowAnonymous();
        app.MapGet("/readyz", () =>
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return Results.Text("shutting down\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var warning = config.LastError is { } error ? $"ready; last config change rejected: {error}\n" : "ready\n";
            return Results.Text(warning);
        }).AllowAnonymous();
        return app;
    }
}
