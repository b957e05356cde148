using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Switchboard.Server.ControlPlane.Oidc;

/// <summary>
/// Talks to the OpenID Connect provider: its discovery document and keys (cached and refreshed by
/// <see cref="ConfigurationManager{T}"/>; refreshed at once when a token names an unknown key), the code exchange
/// (with the PKCE verifier and the client's credentials), and ID-token validation — signature against the provider's
/// JWKS, issuer, audience (and <c>azp</c>), expiry on the injected clock, nonce. Singleton; thread-safe.
/// </summary>
internal sealed class OidcProviderClient : IDisposable
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private readonly OidcOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _configuration;
    private readonly JsonWebTokenHandler _handler = new();

    public OidcProviderClient(IOptions<ControlPlaneOptions> options, TimeProvider time)
    {
        _options = options.Value.Oidc;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) };
        if (_options.Enabled)
        {
            var loopback = Uri.TryCreate(_options.Discovery, UriKind.Absolute, out var uri) && uri.IsLoopback;
            _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(_options.Discovery, new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(_http) { RequireHttps = _options.RequireHttpsMetadata && !loopback });
        }
    }

    /// <summary>The provider's configuration; throws <see cref="OidcException"/> when it cannot be read or names another issuer.</summary>
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _configuration!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or ArgumentException)
        {
            throw new OidcException(StatusCodes.Status502BadGateway, $"The identity provider's discovery document ({_options.Discovery}) could not be read: {ex.Message}");
        }

        // OpenID Connect Discovery 1.0, section 4.3: the document's issuer must be the one we were configured with.
        return configuration.Issuer == _options.Issuer
            ? configuration
            : throw new OidcException(StatusCodes.Status502BadGateway,
                $"The identity provider's discovery document names the issuer '{configuration.Issuer}', not the configured '{_options.Issuer}'.");
    }

    /// <summary>Exchanges the authorization code for tokens and returns the (not yet validated) ID token.</summary>
    public async Task<string> RedeemCodeAsync(OpenIdConnectConfiguration configuration, string code, OidcState state, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = state.RedirectUri,
            ["code_verifier"] = state.Verifier,
            ["client_id"] = _options.ClientId!,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint);
        if (_options.ClientSecret is { } secret)
        {
            var methods = configuration.TokenEndpointAuthMethodsSupported;
            if (methods.Count == 0 || methods.Contains("client_secret_basic"))
            {
                // RFC 6749, section 2.3.1: both parts form-encoded before base64.
                var credentials = Uri.EscapeDataString(_options.ClientId!) + ":" + Uri.EscapeDataString(secret);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
            }
            else
            {
                form["client_secret"] = secret;
            }
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new OidcException(StatusCodes.Status502BadGateway, $"The identity provider's token endpoint answered {(int)response.StatusCode} without JSON.");
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = json.TryGetProperty("error", out var e) ? e.GetString() : null;
            var description = json.TryGetProperty("error_description", out var d) ? $" ({d.GetString()})" : "";
            throw new OidcException(StatusCodes.Status401Unauthorized, $"The identity provider refused the code exchange: {error ?? "error " + (int)response.StatusCode}{description}.");
        }

        return json.TryGetProperty("id_token", out var idToken) && idToken.GetString() is { Length: > 0 } token
            ? token
            : throw new OidcException(StatusCodes.Status502BadGateway, "The identity provider's token response has no id_token (is the 'openid' scope requested?).");
    }

    /// <summary>Validates the ID token; returns its claims. Throws <see cref="OidcException"/> (401) naming what failed.</summary>
    public async Task<IDictionary<string, object>> ValidateIdTokenAsync(OpenIdConnectConfiguration configuration, string idToken, string nonce,
        CancellationToken cancellationToken)
    {
        var result = await _handler.ValidateTokenAsync(idToken, Parameters(configuration)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rotated its keys since we cached them.
            _configuration!.RequestRefresh();
            configuration = await GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            result = await _handler.ValidateTokenAsync(idToken, Parameters(configuration)).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            throw new OidcException(StatusCodes.Status401Unauthorized, "The identity provider's ID token is not valid: " + Reason(result.Exception));
        }

        var claims = result.Claims;
        if (!claims.TryGetValue("nonce", out var tokenNonce) || tokenNonce is not string text
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.UTF8.GetBytes(nonce)))
        {
            throw new OidcException(StatusCodes.Status401Unauthorized, "The identity provider's ID token is not valid: its nonce does not match this sign-in.");
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (token.Audiences.Count() > 1 && token.TryGetClaim("azp", out var azp) && azp.Value != _options.ClientId)
        {
            throw new OidcException(StatusCodes.Status401Unauthorized, "The identity provider's ID token is not valid: it was issued to another client (azp).");
        }

        return claims;
    }

    public void Dispose() => _http.Dispose();

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.ClientId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256,
            SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        LifetimeValidator = ValidateLifetime,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is null ? throw new SecurityTokenNoExpirationException("the token has no expiry")
            : notBefore > now + ClockSkew ? throw new SecurityTokenNotYetValidException("the token is not valid yet")
            : expires < now - ClockSkew ? throw new SecurityTokenExpiredException("the token has expired")
            : true;
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "it has expired.",
        SecurityTokenInvalidIssuerException => "it was issued by another issuer.",
        SecurityTokenInvalidAudienceException => "it was issued for another client (audience).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify with the provider's keys.",
        SecurityTokenInvalidAlgorithmException => "it is signed with an algorithm that is not accepted.",
        SecurityTokenNotYetValidException => "it is not valid yet.",
        _ => exception?.Message ?? "unknown reason.",
    };
}
