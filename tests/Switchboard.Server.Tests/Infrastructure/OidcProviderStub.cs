using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect provider on loopback, enough for a real authorization-code + PKCE flow: a discovery
/// document, a JWKS with one RSA key, an authorize endpoint that approves at once (for <see cref="NextUser"/>) and
/// redirects back with a one-time code, and a token endpoint that checks the client's credentials, the redirect URI
/// and the PKCE verifier (S256) before issuing an RS256 ID token. <see cref="TamperIdToken"/> lets a test break the
/// token in one specific way.
/// </summary>
public sealed class OidcProviderStub : IAsyncDisposable
{
    public const string ClientId = "switchboard-test";
    public const string ClientSecret = "client-secret-a8f2";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Grant> _grants = new();
    private readonly RsaSecurityKey _key;

    private OidcProviderStub(WebApplication app, RsaSecurityKey key)
    {
        _app = app;
        _key = key;
    }

    public string Issuer { get; private set; } = "";

    /// <summary>The user the next authorization is for: claims added to the ID token (<c>sub</c> at least).</summary>
    public Dictionary<string, object> NextUser { get; set; } = [];

    /// <summary>Changes the ID token's claims (and signing key) before it is signed.</summary>
    public Action<Dictionary<string, object>, Ref<SecurityKey>>? TamperIdToken { get; set; }

    /// <summary>Every authorize request's query, for checks on what Switchboard sent.</summary>
    public ConcurrentQueue<IQueryCollection> AuthorizeRequests { get; } = new();

    /// <summary>Token requests refused, with the reason (e.g. a PKCE mismatch).</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<OidcProviderStub> StartAsync()
    {
        var app = LoopbackApp.Create();
        var stub = new OidcProviderStub(app, new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = stub.Issuer,
            ["authorization_endpoint"] = stub.Issuer + "/authorize",
            ["token_endpoint"] = stub.Issuer + "/token",
            ["jwks_uri"] = stub.Issuer + "/jwks",
            ["response_types_supported"] = new JsonArray("code"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(stub._key.Rsa.ExportParameters(false)) { KeyId = stub._key.KeyId });
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E }),
            });
        });
        app.MapGet("/authorize", stub.Authorize);
        app.MapPost("/token", (Delegate)stub.TokenAsync);
        stub.Issuer = await LoopbackApp.StartAsync(app);
        return stub;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        AuthorizeRequests.Enqueue(query);
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["state"]) || string.IsNullOrEmpty(query["nonce"]))
        {
            return Results.BadRequest("invalid authorization request");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _grants[code] = new Grant(query["code_challenge"]!, query["nonce"]!, query["redirect_uri"]!, new Dictionary<string, object>(NextUser));
        return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization != expected)
        {
            return Refuse("invalid_client", "bad client credentials");
        }

        if (form["grant_type"] != "authorization_code" || !_grants.TryRemove(form["code"].ToString(), out var grant))
        {
            return Refuse("invalid_grant", "unknown or used code");
        }

        if (form["redirect_uri"] != grant.RedirectUri)
        {
            return Refuse("invalid_grant", "redirect_uri differs from the authorization request");
        }

        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (challenge != grant.Challenge)
        {
            return Refuse("invalid_grant", "PKCE verification failed");
        }

        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(grant.User) { ["nonce"] = grant.Nonce };
        var signingKey = new Ref<SecurityKey>(_key);
        TamperIdToken?.Invoke(claims, signingKey);
        var audience = claims.Remove("aud", out var aud) ? (string)aud : ClientId;
        var issuer = claims.Remove("iss", out var iss) ? (string)iss : Issuer;
        var expires = claims.Remove("exp", out var exp) ? (DateTime)exp : now.AddMinutes(5);
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddMinutes(-5),
            NotBefore = expires.AddMinutes(-5),
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey.Value, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new JsonObject { ["access_token"] = "provider-access-token", ["token_type"] = "Bearer", ["expires_in"] = 300, ["id_token"] = idToken });
    }

    private IResult Refuse(string error, string description)
    {
        Refusals.Enqueue(description);
        return Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: 400);
    }

    private sealed record Grant(string Challenge, string Nonce, string RedirectUri, Dictionary<string, object> User);
}

/// <summary>A mutable slot, so a tamper hook can swap a value.</summary>
public sealed class Ref<T>(T value)
{
    public T Value { get; set; } = value;
}
