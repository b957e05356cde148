using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.Web.Auth;

/// <summary>
/// Starts and ends web sessions. A session is a control-plane login (<see cref="AccountService.LoginAsync"/>: lockout,
/// audit and the refresh-token family all apply) whose identity and refresh token travel in the encrypted session
/// cookie; logging out revokes the refresh-token family, which ends the session everywhere. Thread-safe.
/// </summary>
internal sealed class WebSessions(IOptions<WebUiOptions> options, TimeProvider time)
{
    /// <summary>Logs in with a password; on success the response carries the session cookie.</summary>
    public async Task<LoginOutcome> SignInAsync(HttpContext context, AccountService accounts, string? tenant, string email, string password,
        CancellationToken cancellationToken)
    {
        var attempt = new LoginAttempt(string.IsNullOrWhiteSpace(tenant) ? null : tenant, email, password, context.Connection.RemoteIpAddress?.ToString());
        var result = await accounts.LoginAsync(attempt, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != LoginOutcome.Succeeded)
        {
            return result.Outcome;
        }

        await StartAsync(context, result.Tokens!, EmailAddresses.Normalize(email)).ConfigureAwait(false);
        return LoginOutcome.Succeeded;
    }

    /// <summary>
    /// Starts a web session for a login that already happened (a password login above, or the control plane's OIDC
    /// callback with the pair it issued): the response carries the session cookie.
    /// </summary>
    public async Task StartAsync(HttpContext context, TokenPair tokens, string email)
    {
        var expires = time.GetUtcNow() + options.Value.SessionLifetime;
        await context.SignInAsync(WebAuth.Scheme, Principal(tokens, email, expires), new AuthenticationProperties
        {
            // A session cookie: closing the browser ends it; the server-side expiry bounds it either way.
            IsPersistent = false,
            ExpiresUtc = expires,
            AllowRefresh = false,
        }).ConfigureAwait(false);
    }

    /// <summary>Revokes the session in the control plane (audited as a logout) and deletes the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        if (context.User.FindFirstValue(WebAuth.SessionClaim) is { } refreshToken)
        {
            await accounts.LogoutAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        }

        await context.SignOutAsync(WebAuth.Scheme).ConfigureAwait(false);
    }

    /// <summary>The session principal: the access token's identity claims (just issued by us, so not re-validated), e-mail, refresh token, expiry.</summary>
    internal static ClaimsPrincipal Principal(TokenPair tokens, string email, DateTimeOffset expires)
    {
        var token = new JsonWebToken(tokens.AccessToken);
        var claims = new List<Claim>
        {
            new(ControlPlaneClaims.Subject, token.Subject),
            new(ControlPlaneClaims.Tenant, Claim(token, ControlPlaneClaims.Tenant)),
            new(ControlPlaneClaims.Role, Claim(token, ControlPlaneClaims.Role)),
            new(ControlPlaneClaims.Name, Claim(token, ControlPlaneClaims.Name)),
            new(WebAuth.EmailClaim, email),
            new(WebAuth.SessionClaim, tokens.RefreshToken),
            new(WebAuth.ExpiresClaim, expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, WebAuth.Scheme, ControlPlaneClaims.Name, ControlPlaneClaims.Role));
    }

    private static string Claim(JsonWebToken token, string name) => token.TryGetPayloadValue<string>(name, out var value) ? value : "";
}
