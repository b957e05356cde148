using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>
/// Authenticates a product-API request: <c>Authorization: Bearer</c> with an API key (looked up in the identity
/// snapshot, network allow-list checked) or an access token (JWT, validated by the JWT bearer scheme; the user's role,
/// teams and status come from the snapshot, so a disabled user or a changed role applies at once). Singleton.
/// </summary>
internal sealed class ProductAuthenticator(IdentityDirectory directory)
{
    /// <summary>Header with which the bootstrap admin key picks the tenant it acts in (a slug; default: the operator tenant).</summary>
    public const string TenantHeader = "X-Switchboard-Tenant";

    public async Task<(ApiPrincipal? Principal, AuthorizationFailure? Failure)> AuthenticateAsync(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (!BearerToken.TryRead(header, out var credential))
        {
            return (null, AuthorizationFailure.Unauthorized(header is null
                ? "Send an access token (from /api/v1/auth/login) or an API key as 'Authorization: Bearer <credential>'."
                : "The Authorization header must be 'Bearer <API key or access token>'."));
        }

        if (!LooksLikeJwt(credential))
        {
            var principal = directory.Authenticate(credential, context.Connection.RemoteIpAddress, out var refusal);
            if (principal is null)
            {
                return (null, new AuthorizationFailure(refusal!.Status, refusal.Message));
            }

            return principal.Kind == PrincipalKind.BootstrapAdmin ? ForTenantHeader(context, principal) : (principal, null);
        }

        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, AuthorizationFailure.InvalidToken(result.Failure is SecurityTokenExpiredException
                ? "The access token has expired; get a new one from /api/v1/auth/refresh."
                : "The access token is not valid."));
        }

        var claims = result.Principal!;
        if (!Guid.TryParse(claims.FindFirstValue(ControlPlaneClaims.Subject), out var userId)
            || !Guid.TryParse(claims.FindFirstValue(ControlPlaneClaims.Tenant), out var tenantId))
        {
            return (null, AuthorizationFailure.InvalidToken("The access token does not name a user."));
        }

        var user = await directory.UserAsync(userId, context.RequestAborted).ConfigureAwait(false);
        return user is { Principal: { } userPrincipal } && user.TenantId == tenantId
            ? (userPrincipal, null)
            : (null, AuthorizationFailure.InvalidToken("The account no longer exists or is disabled."));
    }

    /// <summary>JWTs are three base64url parts (<c>eyJ…</c>); API keys (<c>sb-…</c>) have no dots.</summary>
    private static bool LooksLikeJwt(ReadOnlySpan<char> credential) =>
        credential.StartsWith("eyJ", StringComparison.Ordinal) && credential.Count('.') == 2;

    private (ApiPrincipal?, AuthorizationFailure?) ForTenantHeader(HttpContext context, ApiPrincipal bootstrap)
    {
        if (context.Request.Headers[TenantHeader].ToString() is not { Length: > 0 } slug)
        {
            return (bootstrap, null);
        }

        return directory.Current.TenantBySlug(slug) is { } tenant
            ? (IdentitySnapshot.BootstrapIn(tenant), null)
            : (null, new AuthorizationFailure(StatusCodes.Status400BadRequest, $"{TenantHeader}: no tenant has the slug '{slug.Trim().ToLowerInvariant()}'."));
    }
}
