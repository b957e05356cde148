using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Endpoints;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Oidc;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane;

/// <summary>
/// Registers the control plane: storage and migrations, the one-time import of old keys, the identity snapshot (API-key
/// authentication for the gateway), accounts, tokens, JWT bearer validation, RBAC, administration, OIDC and the audit log.
/// </summary>
internal static class ControlPlaneServiceCollectionExtensions
{
    public static IServiceCollection AddControlPlane(this IServiceCollection services, Action<ControlPlaneOptions> configure)
    {
        services.AddOptions<ControlPlaneOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Storage: migrations run before the audit writer and the web server start.
        services.TryAddSingleton<IDbContextFactory<ControlPlaneDbContext>, ControlPlaneDbContextFactory>();
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContext());
        services.AddHostedService<ControlPlaneMigrator>();
        services.AddHostedService<LegacyKeyImport>();

        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AuditVerifier>();
        services.AddHostedService<AuditWriter>();

        // The identity snapshot: loaded at start (after the migrations and the import), polled for changes every second.
        services.TryAddSingleton<IdentityDirectory>();
        services.TryAddSingleton<IApiKeyAuthenticator>(sp => sp.GetRequiredService<IdentityDirectory>());
        services.AddHostedService(sp => sp.GetRequiredService<IdentityDirectory>());
        services.TryAddSingleton<ProductAuthenticator>();
        services.TryAddScoped<TenantProvisioning>();
        services.TryAddScoped<ApiKeyService>();
        services.TryAddScoped<UserAdministration>();
        services.TryAddScoped<TeamAdministration>();
        services.TryAddSingleton<OidcProviderClient>();
        services.TryAddSingleton<OidcStateProtector>();
        services.TryAddSingleton<OidcLogin>();
        services.TryAddScoped<OidcAccounts>();

        services.TryAddSingleton<PasswordHasher>();
        services.TryAddSingleton<JwtSigningKey>();
        services.TryAddSingleton<AccessTokenIssuer>();
        services.TryAddScoped<TokenService>();
        services.TryAddScoped<AccountService>();

        AddBearerAuthentication(services);
        return services;
    }

    private static void AddBearerAuthentication(IServiceCollection services)
    {
        // With a single scheme registered ASP.NET Core would make it the default and try every request's
        // bearer token as a JWT — including the gateway's API keys on /v1. Only endpoints that ask for the
        // scheme (through a policy) use it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        // AddAuthenticationCore rather than AddAuthentication: bearer tokens need no data protection, and
        // AddAuthentication's would create a key ring in the user's home directory at start-up.
        services.AddAuthenticationCore();
        services.AddWebEncoders();
        services.TryAddSingleton<IAuthenticationConfigurationProvider, EmptyAuthenticationConfiguration>();
        new AuthenticationBuilder(services).AddJwtBearer();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AuthJsonContext.Default));
    }
}
