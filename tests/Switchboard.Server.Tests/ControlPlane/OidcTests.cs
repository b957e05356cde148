using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Oidc;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// OIDC sign-in through a real HTTP flow against <see cref="OidcProviderStub"/>: browser-like client (cookies, no automatic
/// redirects) → <c>/api/v1/auth/oidc/start</c> → the provider's authorize endpoint → our callback → our tokens.
/// </summary>
public sealed class OidcTests : IAsyncLifetime
{
    private OidcProviderStub _provider = null!;
    private GatewayServer _server = null!;
    private Guid _tenantId;

    public async Task InitializeAsync()
    {
        _provider = await OidcProviderStub.StartAsync();
        _server = await GatewayServer.StartAsync("""{ "providers": [], "models": [] }""",
            configureServices: services => services.Configure<ControlPlaneOptions>(ControlPlaneTestServices.UseCheapHashing),
            adjustOptions: o => o with
            {
                Oidc = new OidcOptions
                {
                    Issuer = _provider.Issuer,
                    ClientId = OidcProviderStub.ClientId,
                    ClientSecret = OidcProviderStub.ClientSecret,
                    Tenant = "acme",
                    DefaultRole = UserRole.Viewer,
                },
            });
        await using var scope = _server.App.Services.CreateAsyncScope();
        var (tenant, _) = await scope.ServiceProvider.GetRequiredService<AccountService>().BootstrapAsync(new NewTenant("Acme", "acme", "RUB"),
            new NewUser("owner@acme.example", "correct horse battery", UserRole.Owner), AuditActor.System, default);
        _tenantId = tenant.Id;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_NewUser_IsCreatedWithTheDefaultRole_AndGetsOurTokens()
    {
        _provider.NextUser = User("sub-anna", "Anna@Acme.example", verified: true, name: "Anna Petrova");

        var (status, body, start) = await SignInAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var authorize = _provider.AuthorizeRequests.Last();
        Assert.Equal("S256", authorize["code_challenge_method"].ToString());
        Assert.Equal(43, authorize["code_challenge"].ToString().Length);
        Assert.Equal("openid email profile", authorize["scope"].ToString());
        Assert.False(string.IsNullOrEmpty(authorize["nonce"]));
        Assert.Contains("HttpOnly", start.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        var me = await MeAsync(body!["access_token"]!.GetValue<string>());
        Assert.Equal(("anna@acme.example", "Anna Petrova", "viewer", "acme"),
            (me["email"]!.GetValue<string>(), me["display_name"]!.GetValue<string>(), me["role"]!.GetValue<string>(), me["tenant"]!["slug"]!.GetValue<string>()));
        Assert.StartsWith("sbr-", body["refresh_token"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = Db();
        var user = await db.Users.SingleAsync(u => u.Email == "anna@acme.example");
        Assert.Equal((_provider.Issuer, "sub-anna", null), (user.ExternalIssuer, user.ExternalSubject, user.PasswordHash));
    }

    [Fact]
    public async Task SignIn_Twice_FindsTheSameUserBySubject_EvenWhenTheEmailChanged()
    {
        _provider.NextUser = User("sub-boris", "boris@acme.example", verified: true);
        var (first, _, _) = await SignInAsync();
        _provider.NextUser = User("sub-boris", "boris.new@acme.example", verified: true);
        var (second, body, _) = await SignInAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal("boris@acme.example", (await MeAsync(body!["access_token"]!.GetValue<string>()))["email"]!.GetValue<string>());
        await using var db = Db();
        Assert.Equal(1, await db.Users.CountAsync(u => u.ExternalSubject == "sub-boris"));
    }

    [Fact]
    public async Task SignIn_VerifiedEmailOfAPasswordUser_LinksThatUser_UnverifiedDoesNot()
    {
        await CreateUserAsync("vera@acme.example", UserRole.Admin);
        await CreateUserAsync("ulf@acme.example", UserRole.Admin);
        _provider.NextUser = User("sub-vera", "vera@acme.example", verified: true);
        var (linked, body, _) = await SignInAsync();
        _provider.NextUser = User("sub-ulf", "ulf@acme.example", verified: false);
        var (refused, problem, _) = await SignInAsync();

        Assert.Equal(HttpStatusCode.OK, linked);
        Assert.Equal("admin", (await MeAsync(body!["access_token"]!.GetValue<string>()))["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("already exists", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonce", "its nonce does not match")]
    [InlineData("audience", "issued for another client (audience)")]
    [InlineData("issuer", "issued by another issuer")]
    [InlineData("expired", "it has expired")]
    [InlineData("signature", "its signature does not verify")]
    public async Task SignIn_ATamperedIdToken_IsRefused(string tamper, string reason)
    {
        _provider.NextUser = User("sub-" + tamper, tamper + "@acme.example", verified: true);
        _provider.TamperIdToken = (claims, key) =>
        {
            switch (tamper)
            {
                case "nonce": claims["nonce"] = "someone else's nonce"; break;
                case "audience": claims["aud"] = "another-client"; break;
                case "issuer": claims["iss"] = "https://evil.example"; break;
                case "expired": claims["exp"] = DateTime.UtcNow.AddMinutes(-10); break;
                case "signature": key.Value = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" }; break;
            }
        };

        var (status, problem, _) = await SignInAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(reason, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = Db();
        Assert.False(await db.Users.AnyAsync(u => u.ExternalSubject == "sub-" + tamper));
    }

    [Fact]
    public async Task Callback_WithAnotherSignInsCode_FailsPkce_AndAWrongStateOrNoCookieIsRefused()
    {
        _provider.NextUser = User("sub-victim", "victim@acme.example", verified: true);
        using var victim = Browser();
        using var attacker = Browser();
        using var victimStart = await victim.GetAsync("api/v1/auth/oidc/start");
        var victimState = QueryHelpers.ParseQuery(victimStart.Headers.Location!.Query)["state"].ToString();
        using var attackerStart = await attacker.GetAsync("api/v1/auth/oidc/start");
        using var attackerApproval = await attacker.GetAsync(attackerStart.Headers.Location);
        var attackerCode = QueryHelpers.ParseQuery(attackerApproval.Headers.Location!.Query)["code"].ToString();

        // The attacker's code injected into the victim's sign-in: the state is the victim's, the PKCE verifier cannot match.
        using var injected = await victim.GetAsync($"api/v1/auth/oidc/callback?code={attackerCode}&state={Uri.EscapeDataString(victimState)}");
        using var wrongState = await victim.GetAsync("api/v1/auth/oidc/callback?code=x&state=forged");
        using var noCookie = await Browser().GetAsync($"api/v1/auth/oidc/callback?code=x&state={Uri.EscapeDataString(victimState)}");

        await AdminApiTests.AssertProblemAsync(injected, HttpStatusCode.Unauthorized, "refused the code exchange: invalid_grant (PKCE verification failed)");
        Assert.Contains("PKCE verification failed", _provider.Refusals);
        Assert.Equal(HttpStatusCode.BadRequest, wrongState.StatusCode);
        await AdminApiTests.AssertProblemAsync(noCookie, HttpStatusCode.BadRequest, "was not started here");
    }

    [Fact]
    public async Task SignIn_DisabledUser_IsRefused_AndReturnTo_GetsTheTokensInTheFragment()
    {
        _provider.NextUser = User("sub-dora", "dora@acme.example", verified: true);
        var (first, _, _) = await SignInAsync(returnTo: "/app/signed-in");
        await using (var db = Db())
        {
            await db.Users.Where(u => u.ExternalSubject == "sub-dora").ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true));
        }

        var (second, problem, _) = await SignInAsync();

        Assert.Equal(HttpStatusCode.Redirect, first);
        Assert.Equal(HttpStatusCode.Unauthorized, second);
        Assert.Contains("disabled", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ReturnToOnAnotherSite_IsRefused()
    {
        using var browser = Browser();

        using var response = await browser.GetAsync("api/v1/auth/oidc/start?return_to=//evil.example/x");

        await AdminApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "return_to must be a path on this server");
    }

    /// <summary>Runs start → authorize → callback like a browser; returns the callback's status and JSON body, and the start response.</summary>
    private async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Start)> SignInAsync(string? returnTo = null)
    {
        var browser = Browser();
        var start = await browser.GetAsync("api/v1/auth/oidc/start" + (returnTo is null ? "" : "?return_to=" + Uri.EscapeDataString(returnTo)));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith(_provider.Issuer + "/authorize?", start.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var approval = await browser.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, approval.StatusCode);
        Assert.StartsWith(_server.BaseAddress + "api/v1/auth/oidc/callback?", approval.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var callback = await browser.GetAsync(approval.Headers.Location);
        if (callback.StatusCode == HttpStatusCode.Redirect)
        {
            var location = callback.Headers.Location!.ToString();
            Assert.StartsWith(returnTo + "#access_token=", location, StringComparison.Ordinal);
            return (callback.StatusCode, null, start);
        }

        var text = await callback.Content.ReadAsStringAsync();
        return (callback.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null, start);
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = _server.BaseAddress };

    private async Task<JsonObject> MeAsync(string accessToken)
    {
        using var client = _server.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await client.GetFromJsonAsync<JsonObject>("api/v1/auth/me"))!;
    }

    private async Task CreateUserAsync(string email, UserRole role)
    {
        await using var scope = _server.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(_tenantId, new NewUser(email, "correct horse battery", role), AuditActor.System, default);
    }

    private ControlPlaneDbContext Db() => _server.App.Services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContext();

    private static Dictionary<string, object> User(string subject, string email, bool verified, string? name = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["email"] = email, ["email_verified"] = verified };
        if (name is not null)
        {
            claims["name"] = name;
        }

        return claims;
    }
}
