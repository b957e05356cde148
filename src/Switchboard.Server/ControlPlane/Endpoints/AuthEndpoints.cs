using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Oidc;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary><c>/api/v1/auth</c>: password and OIDC sign-in, refresh-token rotation, logout, and the caller's identity.</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous();
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous();
        auth.MapPost("/logout", LogoutAsync).AllowAnonymous();
        auth.MapGet("/oidc/start", (HttpContext context, OidcLogin oidc) => oidc.StartAsync(context)).AllowAnonymous();
        auth.MapGet("/oidc/callback", (HttpContext context, OidcLogin oidc) => oidc.CallbackAsync(context)).AllowAnonymous();
        auth.MapGet("/me", MeAsync).RequireSignedIn();
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest? request, AccountService accounts, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Email) || string.IsNullOrEmpty(request.Password))
        {
            return AuthProblems.Problem(StatusCodes.Status400BadRequest, "Send a JSON body with 'email' and 'password' (and 'tenant', the tenant's slug, when the server has several).");
        }

        var attempt = new LoginAttempt(request.Tenant, request.Email, request.Password, context.Connection.RemoteIpAddress?.ToString());
        var result = await accounts.LoginAsync(attempt, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            LoginOutcome.Succeeded => Tokens(context, result.Tokens!),
            LoginOutcome.TenantRequired => AuthProblems.Problem(StatusCodes.Status400BadRequest, "This server has several tenants: add 'tenant' (the tenant's slug)."),
            _ => AuthProblems.Problem(StatusCodes.Status401Unauthorized, AuthProblems.InvalidCredentials),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshTokenRequest? request, AccountService accounts, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.RefreshToken))
        {
            return AuthProblems.Problem(StatusCodes.Status400BadRequest, "Send a JSON body with 'refresh_token'.");
        }

        var result = await accounts.RefreshAsync(request.RefreshToken, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            RefreshOutcome.Rotated => Tokens(context, result.Tokens!),
            RefreshOutcome.Expired => AuthProblems.Problem(StatusCodes.Status401Unauthorized, "The refresh token has expired; log in again."),
            RefreshOutcome.Reused => AuthProblems.Problem(StatusCodes.Status401Unauthorized,
                "The refresh token was already used, so the session has been revoked; log in again."),
            _ => AuthProblems.Problem(StatusCodes.Status401Unauthorized, "The refresh token is not valid; log in again."),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(
        RefreshTokenRequest? request, AccountService accounts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.RefreshToken))
        {
            return AuthProblems.Problem(StatusCodes.Status400BadRequest, "Send a JSON body with 'refresh_token'.");
        }

        await accounts.LogoutAsync(request.RefreshToken, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>The signed-in user (an access token, or an API key a user owns) with their tenant.</summary>
    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(HttpContext context, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var principal = ApiPrincipal.Get(context);
        if (principal.UserId is not { } userId)
        {
            return AuthProblems.Problem(StatusCodes.Status404NotFound,
                "This credential does not belong to a user (it is a team or service-account key, or the bootstrap admin key).");
        }

        db.TenantScope = principal.TenantId;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == principal.TenantId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.Disabled || tenant is null)
        {
            return AuthProblems.Problem(StatusCodes.Status401Unauthorized, "The account no longer exists or is disabled.");
        }

        return TypedResults.Ok(new MeResponse(user.Id, user.Email, user.DisplayName, user.Role.ToString().ToLowerInvariant(),
            new MeTenant(tenant.Id, tenant.Slug, tenant.Name, tenant.Currency)));
    }

    private static Ok<TokenResponse> Tokens(HttpContext context, TokenPair pair)
    {
        // Token responses must not be cached (RFC 6749, section 5.1).
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(TokenResponse.From(pair));
    }
}
