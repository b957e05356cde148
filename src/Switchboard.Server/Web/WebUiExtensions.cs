using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Switchboard.Server.Web.Admin;
using Switchboard.Server.Web.Analytics;
using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.Chat;
using Switchboard.Server.Web.Components;
using Switchboard.Server.Web.KnowledgeBase;
using Switchboard.Server.Web.Providers;

namespace Switchboard.Server.Web;

/// <summary>
/// The web application (docs/web.md): Blazor components with interactive server rendering and MudBlazor, served at
/// <c>/</c> by the same host as the APIs, which it leaves as they are.
/// </summary>
internal static class WebUiExtensions
{
    private static readonly string AssemblyName = typeof(WebUiExtensions).Assembly.GetName().Name!;

    /// <summary>
    /// Registers the web application: components, the cookie session, data-protection keys in
    /// <c>DATA/web-keys</c>, and the page services. Static files come from the build's static-web-asset manifests
    /// (MudBlazor's and our own, precompressed), found next to the assembly whatever process hosts it.
    /// </summary>
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder, string dataDirectory)
    {
        var runtimeManifest = Path.Combine(AppContext.BaseDirectory, AssemblyName + ".staticwebassets.runtime.json");
        if (File.Exists(runtimeManifest))
        {
            // A build (not a publish): the assets stay in the NuGet cache and the project, found through this manifest.
            builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, runtimeManifest);
            builder.WebHost.UseStaticWebAssets();
        }

        // Serve the build's precompressed files as they are (the development re-check recompresses them uncompressed).
        builder.Configuration["ReloadStaticAssetsAtRuntime"] = "false";
        // The key ring is written unencrypted on purpose (a directory only the server's user reads); say so once in docs, not at every start.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        AddServices(builder.Services, dataDirectory);
        return builder;
    }

    /// <summary>
    /// Maps the web application after the APIs: the session middleware, antiforgery, static assets, logout and
    /// document routes, and the Razor components.
    /// </summary>
    public static WebApplication MapWebUi(this WebApplication app)
    {
        app.UseMiddleware<WebSessionMiddleware>();
        app.UseAntiforgery();
        var manifest = Path.Combine(AppContext.BaseDirectory, AssemblyName + ".staticwebassets.endpoints.json");
        var hasManifest = File.Exists(manifest);
        if (hasManifest)
        {
            app.MapStaticAssets(manifest).Add(Mark);
        }

        app.MapWebAccountEndpoints();
        var components = app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        components.Add(Mark);
        if (hasManifest)
        {
            components.WithStaticAssets(manifest);
        }

        return app;
    }

    private static void Mark(EndpointBuilder endpoint) => endpoint.Metadata.Add(WebUiEndpoint.Instance);

    private static void AddServices(IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<WebUiOptions>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<WebAuthenticationStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<WebAuthenticationStateProvider>());

        var keys = Directory.CreateDirectory(Path.Combine(Path.GetFullPath(dataDirectory), "web-keys"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("switchboard");
        new AuthenticationBuilder(services).AddCookie(WebAuth.Scheme);
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, WebCookieOptionsSetup>();

        services.TryAddSingleton<WebSessions>();
        services.TryAddSingleton<WebSessionValidator>();
        services.TryAddSingleton<WebKnowledgeCallers>();
        services.TryAddSingleton<ChatModels>();
        services.TryAddScoped<IWebApiKeys, TenantWebApiKeys>();
        services.TryAddScoped<WebUserAccessor>();
        services.TryAddScoped<ChatService>();
        services.TryAddScoped<KnowledgeBaseService>();
        services.TryAddScoped<SystemStatusService>();
        services.TryAddScoped<UserAdminService>();
        services.TryAddScoped<ApiKeyAdminService>();
        services.TryAddScoped<ControlPlaneActions>();
        services.TryAddScoped<TeamAdminService>();
        services.TryAddScoped<AuditAdminService>();
        services.TryAddScoped<BudgetAdminService>();
        services.TryAddSingleton<UsageGroupNames>();
        services.TryAddScoped<UsageAnalyticsService>();
        services.TryAddScoped<ProviderAdminService>();
    }
}
