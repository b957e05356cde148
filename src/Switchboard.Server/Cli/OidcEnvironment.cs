using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Oidc;

namespace Switchboard.Server.Cli;

/// <summary>Reads OIDC sign-in settings from <c>SWITCHBOARD_OIDC_*</c> variables (docs/control-plane.md, "OIDC").</summary>
internal static class OidcEnvironment
{
    public const string Prefix = "SWITCHBOARD_OIDC_";

    /// <summary>The settings, or null with a message when a variable holds something unusable.</summary>
    public static (OidcOptions? Options, string? Problem) Read(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => getVariable(Prefix + name) is { Length: > 0 } value ? value.Trim() : null;
        var options = new OidcOptions
        {
            Issuer = Get("ISSUER"),
            DiscoveryUrl = Get("DISCOVERY_URL"),
            ClientId = Get("CLIENT_ID"),
            ClientSecret = Get("CLIENT_SECRET"),
            EmailClaim = Get("EMAIL_CLAIM") ?? "email",
            TenantClaim = Get("TENANT_CLAIM"),
            Tenant = Get("TENANT"),
            RedirectUri = Get("REDIRECT_URI"),
        };
        if (Get("SCOPES") is { } scopes)
        {
            options.Scopes = scopes;
        }

        if (Get("DEFAULT_ROLE") is { } role)
        {
            if (!Enum.TryParse<UserRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return (null, $"{Prefix}DEFAULT_ROLE '{role}' must be admin, member or viewer");
            }

            options.DefaultRole = parsed;
        }

        return (options, null);
    }
}
