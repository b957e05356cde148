using System.Net;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Switchboard.Gateway;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Endpoints;
using Switchboard.Gateway.Observability;
using Microsoft.Extensions.Logging.Console;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Admin;
using Switchboard.Server.ControlPlane.Admin.Providers;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Endpoints;
using Switchboard.Server.Knowledge;
using Switchboard.Server.Knowledge.Api;
using Switchboard.Server.Logging;
using Switchboard.Server.Usage;
using Switchboard.Server.Usage.Analytics;
using Switchboard.Server.Web;

namespace Switchboard.Server.Hosting;

/// <summary>Builds the server process: Kestrel, storage, the gateway, health and metrics endpoints.</summary>
internal static class SwitchboardHost
{
    /// <summary>
    /// Builds the app; throws <see cref="ConfigValidationException"/> when the config file is invalid, so
    /// the server never starts on a config it cannot serve. <paramref name="configureServices"/> lets tests
    /// add loggers or replace parts.
    /// </summary>
    public static WebApplication Build(ServeOptions options, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The gateway enforces its own (hot-reloadable) body limit with an OpenAI-shaped 413.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
        });
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        ConfigureLogging(builder.Logging, options.LogFormat);

        builder.Services.AddSwitchboardGateway(options.ConfigPath);
        builder.Services.AddControlPlane(controlPlane =>
        {
            controlPlane.DataDirectory = options.DataDirectory;
            controlPlane.Storage.Provider = options.DatabaseProvider;
            controlPlane.Storage.ConnectionString = options.DatabaseConnection;
            controlPlane.Tokens.SigningKey = options.JwtSigningKey;
            controlPlane.Oidc = options.Oidc;
        });
        builder.Services.AddSingleton(new ConfigFileEditor(options.ConfigPath));
        builder.Services.AddSingleton<GatewayConfigChanges>();
        builder.Services.AddSingleton<ControlPlane.Admin.Status.ServerStart>();
        builder.Services.AddUsage(usage =>
        {
            usage.DataDirectory = options.DataDirectory;
            usage.Provider = options.DatabaseProvider;
            usage.ConnectionString = options.DatabaseConnection;
        });
        builder.Services.AddSingleton<LocalModels.LocalModelHost>();
        builder.Services.AddSingleton<LocalModels.LocalModelMetrics>();
        builder.Services.AddKnowledge(options.DataDirectory);
        builder.AddWebUi(options.DataDirectory);
        builder.Services.Configure<Web.WebUiOptions>(web => web.OidcEnabled = options.Oidc.Enabled);
        // Uploads are streamed to disk by the form reader; the knowledge base enforces its own per-file limit.
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = long.MaxValue);
        AddTelemetry(builder.Services);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // Load the config now: an invalid file stops start-up with the problem named.
        app.Services.GetRequiredService<GatewayConfigProvider>();
        app.Services.GetRequiredService<ControlPlane.Admin.Status.ServerStart>();
        // Connect to Redis now when limits.redis is set (a bad connection string stops start-up here).
        app.Services.GetRequiredService<Gateway.Limits.IRateLimiter>();
        var localModels = app.Services.GetRequiredService<LocalModels.LocalModelHost>();
        app.Services.GetRequiredService<LocalModels.LocalModelMetrics>();
        app.Services.GetRequiredService<Gateway.Providers.ProviderAdapters>()
            .Register(Gateway.Configuration.ProviderTypes.LlamaCpp, context => new LocalModels.LocalProviderAdapter(localModels.For(context.Provider)));
        app.Services.GetRequiredService<Gateway.Endpoints.VirtualModels>().Register(app.Services.GetRequiredService<KnowledgeChatModels>());
        var gateway = app.MapOpenAiEndpoints();
        // After the gateway's /v1 key middleware: every endpoint that declares a permission is checked here.
        app.UseMiddleware<PermissionMiddleware>();
        gateway.OpenAi.RequirePermission(Permissions.ChatUse);
        gateway.Tokenize.RequirePermission(Permissions.ChatUse);
        gateway.Deployments.RequirePermission(Permissions.SystemRead);
        gateway.ProviderModels.RequirePermission(Permissions.ProvidersManage);
        app.MapKnowledgeEndpoints();
        app.MapAuthEndpoints();
        app.MapAdminEndpoints();
        app.MapGet("/api/v1/admin/local-models", (HttpContext context) => LocalModels.LocalModelsEndpoint.HandleAsync(context, localModels))
            .RequirePermission(Permissions.SystemRead);
        app.MapAnalyticsEndpoints();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        // Last: the web application at / (docs/web.md) leaves every path above as it was.
        app.MapWebUi();
        return app;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, string format)
    {
        logging.ClearProviders();
        if (format == "json")
        {
            logging.AddConsole(o => o.FormatterName = CompactJsonConsoleFormatter.FormatterName)
                .AddConsoleFormatter<CompactJsonConsoleFormatter, ConsoleFormatterOptions>();
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            });
        }

        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
    }

    private static void AddTelemetry(IServiceCollection services)
    {
        var otel = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName, LocalModels.LocalModelMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "System.Runtime")
                .AddPrometheusExporter());
        // Traces leave the process only when an OTLP endpoint is configured (standard OTEL_* variables).
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            otel.WithTracing(tracing => tracing
                .AddSource(GatewayTelemetry.SourceName, "System.Net.Http")
                .AddOtlpExporter());
        }
    }
}
