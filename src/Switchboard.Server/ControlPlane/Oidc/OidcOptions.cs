using Switchboard.Server.ControlPlane.Accounts;

namespace Switchboard.Server.ControlPlane.Oidc;

/// <summary>
/// Sign-in through an OpenID Connect provider (authorization code + PKCE). Off unless <see cref="Issuer"/> is set.
/// From <c>SWITCHBOARD_OIDC_*</c> variables (docs/control-plane.md).
/// </summary>
internal sealed class OidcOptions
{
    /// <summary>The provider's issuer URL, exactly as its discovery document and ID tokens state it.</summary>
    public string? Issuer { get; set; }

    /// <summary>The discovery document; default <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string? DiscoveryUrl { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Sent with HTTP Basic (or in the form when the provider only supports <c>client_secret_post</c>); null for public clients.</summary>
    public string? ClientSecret { get; set; }

    public string Scopes { get; set; } = "openid email profile";

    /// <summary>The ID-token claim with the user's e-mail address.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>An ID-token claim whose value is the tenant's slug (multi-tenant providers); null uses <see cref="Tenant"/>.</summary>
    public string? TenantClaim { get; set; }

    /// <summary>The slug of the tenant users sign in to; null while the server has exactly one tenant.</summary>
    public string? Tenant { get; set; }

    /// <summary>The role of users created at their first sign-in (never owner).</summary>
    public UserRole DefaultRole { get; set; } = UserRole.Member;

    /// <summary>Where the provider sends the browser back; default: this server's <c>/api/v1/auth/oidc/callback</c> as the request reached it.</summary>
    public string? RedirectUri { get; set; }

    /// <summary>Whether discovery and keys must come over HTTPS (loopback addresses are always allowed, for development and tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long a sign-in may take between start and callback.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);

    public string Discovery => DiscoveryUrl ?? Issuer!.TrimEnd('/') + "/.well-known/openid-configuration";
}
