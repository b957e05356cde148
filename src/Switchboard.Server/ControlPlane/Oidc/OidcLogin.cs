using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Endpoints;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Oidc;

/// <summary>
/// The browser side of an OIDC sign-in. <see cref="StartAsync"/> redirects to the provider with a fresh state, nonce and
/// PKCE S256 challenge (the verifier stays in an encrypted, HttpOnly cookie); <see cref="CallbackAsync"/> checks the
/// state, redeems the code, validates the ID token, finds or creates the user and answers with our own token pair —
/// as JSON, or in the fragment of the <c>return_to</c> page given at start. Singleton; thread-safe.
/// </summary>
internal sealed class OidcLogin(IOptions<ControlPlaneOptions> options, OidcProviderClient provider, OidcStateProtector protector, TimeProvider time)
{
    public const string CookieName = "sb_oidc";
    public const string CookiePath = "/api/v1/auth/oidc";
    public const string CallbackPath = CookiePath + "/callback";

    private readonly OidcOptions _options = options.Value.Oidc;

    public async Task<IResult> StartAsync(HttpContext context)
    {
        if (!_options.Enabled)
        {
            return NotConfigured();
        }

        var returnTo = context.Request.Query["return_to"].ToString();
        if (returnTo.Length > 0 && !IsLocalPath(returnTo))
        {
            return Problem(StatusCodes.Status400BadRequest, "return_to must be a path on this server (starting with a single '/').");
        }

        try
        {
            var configuration = await provider.GetConfigurationAsync(context.RequestAborted).ConfigureAwait(false);
            var request = context.Request;
            var state = new OidcState(OidcStateProtector.RandomToken(), OidcStateProtector.RandomToken(), OidcStateProtector.RandomToken(),
                _options.RedirectUri ?? $"{request.Scheme}://{request.Host}{CallbackPath}", returnTo.Length > 0 ? returnTo : null,
                (time.GetUtcNow() + _options.StateLifetime).ToUnixTimeSeconds())
            {
                WebSession = context.Request.Query["session"] == "web",
            };
            context.Response.Cookies.Append(CookieName, protector.Protect(state), new CookieOptions
            {
                HttpOnly = true,
                Secure = request.IsHttps,
                // Lax: the provider's redirect back is a top-level GET navigation, which Lax cookies accompany.
                SameSite = SameSiteMode.Lax,
                Path = CookiePath,
                MaxAge = _options.StateLifetime,
            });
            var url = QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, new Dictionary<string, string?>
            {
                ["response_type"] = "code",
                ["client_id"] = _options.ClientId,
                ["redirect_uri"] = state.RedirectUri,
                ["scope"] = _options.Scopes,
                ["state"] = state.State,
                ["nonce"] = state.Nonce,
                ["code_challenge"] = OidcStateProtector.Challenge(state.Verifier),
                ["code_challenge_method"] = "S256",
            });
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Redirect(url);
        }
        catch (OidcException ex)
        {
            return Problem(ex.Status, ex.Message);
        }
    }

    public async Task<IResult> CallbackAsync(HttpContext context)
    {
        if (!_options.Enabled)
        {
            return NotConfigured();
        }

        var query = context.Request.Query;
        var sealedState = context.Request.Cookies[CookieName];
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath });
        context.Response.Headers.CacheControl = "no-store";
        if (query["error"].ToString() is { Length: > 0 } error)
        {
            var description = query["error_description"].ToString();
            return Problem(StatusCodes.Status401Unauthorized, $"The identity provider refused the sign-in: {error}{(description.Length > 0 ? $" ({description})" : "")}.");
        }

        var state = sealedState is null ? null : protector.Unprotect(sealedState);
        if (state is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "This sign-in was not started here or its cookie was lost; start again at /api/v1/auth/oidc/start.");
        }

        if (!FixedTimeEquals(state.State, query["state"].ToString()))
        {
            return Problem(StatusCodes.Status400BadRequest, "The 'state' does not match this sign-in; start again at /api/v1/auth/oidc/start.");
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > state.ExpiresAt)
        {
            return Problem(StatusCodes.Status400BadRequest, "This sign-in took too long; start again at /api/v1/auth/oidc/start.");
        }

        if (query["code"].ToString() is not { Length: > 0 } code)
        {
            return Problem(StatusCodes.Status400BadRequest, "The identity provider sent no authorization code.");
        }

        try
        {
            var cancellationToken = context.RequestAborted;
            var configuration = await provider.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            var idToken = await provider.RedeemCodeAsync(configuration, code, state, cancellationToken).ConfigureAwait(false);
            var claims = await provider.ValidateIdTokenAsync(configuration, idToken, state.Nonce, cancellationToken).ConfigureAwait(false);
            var services = context.RequestServices;
            var user = await services.GetRequiredService<OidcAccounts>()
                .SignInAsync(claims, context.Connection.RemoteIpAddress?.ToString(), cancellationToken).ConfigureAwait(false);
            var pair = await services.GetRequiredService<TokenService>().IssueAsync(user, cancellationToken).ConfigureAwait(false);
            if (state.WebSession && services.GetService<Web.Auth.WebSessions>() is { } sessions)
            {
                // The browser keeps an HttpOnly cookie; the tokens never reach the page or its URL.
                await sessions.StartAsync(context, pair, user.Email).ConfigureAwait(false);
                return TypedResults.Redirect(state.ReturnTo ?? "/");
            }

            return state.ReturnTo is { } returnTo
                ? TypedResults.Redirect($"{returnTo}#access_token={Uri.EscapeDataString(pair.AccessToken)}&refresh_token={Uri.EscapeDataString(pair.RefreshToken)}"
                    + $"&expires_in={pair.ExpiresIn}&token_type=Bearer")
                : TypedResults.Json(TokenResponse.From(pair), AuthJsonContext.Default.TokenResponse);
        }
        catch (OidcException ex)
        {
            return Problem(ex.Status, ex.Message);
        }
    }

    private static bool IsLocalPath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
        && !path.Contains('#', StringComparison.Ordinal);

    private static bool FixedTimeEquals(string expected, string actual) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotConfigured() =>
        Problem(StatusCodes.Status404NotFound, "Sign-in with an identity provider is not configured on this server (SWITCHBOARD_OIDC_ISSUER).");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
