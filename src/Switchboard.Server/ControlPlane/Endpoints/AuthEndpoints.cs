using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary><c>/api/v1/auth</c>: password login, refresh-token rotation, logout, and the caller's identity.</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth");
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/refresh", RefreshAsync);
        auth.MapPost("/logout", LogoutAsync);
        auth.MapGet("/me", MeAsync).RequireAuthorization(ControlPlanePolicies.User);
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

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(
        ClaimsPrincipal principal, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ControlPlaneClaims.Subject), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(ControlPlaneClaims.Tenant), out var tenantId))
        {
            return AuthProblems.Problem(StatusCodes.Status401Unauthorized, "The access token does not name a user.");
        }

        db.TenantScope = tenantId;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken).ConfigureAwait(false);
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
