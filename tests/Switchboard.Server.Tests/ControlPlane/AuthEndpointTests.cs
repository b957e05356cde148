using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Tests.ControlPlane;

public sealed class AuthEndpointTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    [Fact]
    public async Task Login_RightPassword_ReturnsTokensThatOpenMe()
    {
        var user = await fixture.CreateUserAsync("login-ok@example.com");

        using var login = await LoginAsync("Login-OK@example.com", AuthServerFixture.Password);
        var tokens = await login.Content.ReadFromJsonAsync<JsonObject>();
        using var me = await MeAsync((string)tokens!["access_token"]!);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("Bearer", (string?)tokens["token_type"]);
        Assert.Equal(900, (int)tokens["expires_in"]!);
        Assert.StartsWith("sbr-", (string?)tokens["refresh_token"], StringComparison.Ordinal);
        Assert.True(login.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(user.Id.ToString(), (string?)body!["id"]);
        Assert.Equal(("login-ok@example.com", "Test User", "member"), ((string?)body["email"], (string?)body["display_name"], (string?)body["role"]));
        Assert.Equal("acme", (string?)body["tenant"]!["slug"]);
    }

    [Fact]
    public async Task Login_WrongPassword_Is401WithProblemDetails()
    {
        await fixture.CreateUserAsync("wrong-password@example.com");

        using var response = await LoginAsync("wrong-password@example.com", "not the password");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Invalid email or password.");
    }

    [Fact]
    public async Task Login_MissingFields_Is400SayingWhatToSend()
    {
        using var response = await fixture.Client.PostAsJsonAsync("api/v1/auth/login", new { email = "x@example.com" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Send a JSON body with 'email' and 'password'");
    }

    [Fact]
    public async Task Login_AfterMaxFailures_RefusesTheRightPasswordTheSameWay_UntilTheLockEnds()
    {
        await fixture.CreateUserAsync("locked@example.com");
        for (var i = 0; i < AuthServerFixture.MaxFailedAttempts; i++)
        {
            using var failed = await LoginAsync("locked@example.com", "guess " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var whileLocked = await LoginAsync("locked@example.com", AuthServerFixture.Password);
        await AssertProblemAsync(whileLocked, HttpStatusCode.Unauthorized, "Invalid email or password.");
        Assert.False(whileLocked.Headers.Contains("Retry-After"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        using var afterLock = await LoginAsync("locked@example.com", AuthServerFixture.Password);
        Assert.Equal(HttpStatusCode.OK, afterLock.StatusCode);
    }

    [Fact]
    public async Task Refresh_ReturnsANewPairThatWorks()
    {
        await fixture.CreateUserAsync("refresh@example.com");
        var first = await LoginTokensAsync("refresh@example.com");

        using var refreshed = await RefreshAsync((string)first["refresh_token"]!);
        var second = await refreshed.Content.ReadFromJsonAsync<JsonObject>();
        using var me = await MeAsync((string)second!["access_token"]!);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual((string?)first["refresh_token"], (string?)second["refresh_token"]);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Refresh_ReusedToken_Is401AndRevokesTheWholeSession()
    {
        await fixture.CreateUserAsync("reuse@example.com");
        var first = (string)(await LoginTokensAsync("reuse@example.com"))["refresh_token"]!;
        using var rotated = await RefreshAsync(first);
        var second = (string)(await rotated.Content.ReadFromJsonAsync<JsonObject>())!["refresh_token"]!;

        using var replay = await RefreshAsync(first);
        using var afterReplay = await RefreshAsync(second);

        await AssertProblemAsync(replay, HttpStatusCode.Unauthorized, "already used, so the session has been revoked");
        await AssertProblemAsync(afterReplay, HttpStatusCode.Unauthorized, "The refresh token is not valid");
    }

    [Fact]
    public async Task Me_ExpiredAccessToken_Is401SayingItExpired()
    {
        await fixture.CreateUserAsync("expired@example.com");
        var accessToken = (string)(await LoginTokensAsync("expired@example.com"))["access_token"]!;

        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        using var me = await MeAsync(accessToken);

        await AssertProblemAsync(me, HttpStatusCode.Unauthorized, "The access token has expired");
        Assert.Equal("Bearer error=\"invalid_token\"", me.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Me_WithoutATokenOrWithAForgedOne_Is401()
    {
        var token = (string)(await LoginTokensAsync(await NewUserEmailAsync("forged@example.com")))["access_token"]!;
        var forged = token[..token.LastIndexOf('.')] + ".c2lnbmF0dXJlIGJ5IHNvbWVvbmUgZWxzZQ";

        using var none = await fixture.Client.GetAsync("api/v1/auth/me");
        using var bad = await MeAsync(forged);

        await AssertProblemAsync(none, HttpStatusCode.Unauthorized, "Send an access token");
        await AssertProblemAsync(bad, HttpStatusCode.Unauthorized, "The access token is not valid.");
    }

    [Fact]
    public async Task Logout_Is204_AndTheRefreshTokenStopsWorking()
    {
        await fixture.CreateUserAsync("logout@example.com");
        var refreshToken = (string)(await LoginTokensAsync("logout@example.com"))["refresh_token"]!;

        using var logout = await fixture.Client.PostAsJsonAsync("api/v1/auth/logout", new JsonObject { ["refresh_token"] = refreshToken });
        using var refresh = await RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await AssertProblemAsync(refresh, HttpStatusCode.Unauthorized, "The refresh token is not valid");
    }

    [Fact]
    public async Task GatewayApi_StillTakesApiKeysOnly()
    {
        var accessToken = (string)(await LoginTokensAsync(await NewUserEmailAsync("gateway@example.com")))["access_token"]!;

        using var withJwt = await SendAsync(HttpMethod.Get, "v1/models", accessToken);
        using var withKey = await fixture.Server.Http.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, withJwt.StatusCode);
        Assert.Equal("invalid_api_key", (string?)(await withJwt.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public async Task Logins_AreAudited_SuccessAndFailure()
    {
        var user = await fixture.CreateUserAsync("audited@example.com");
        using (await LoginAsync("audited@example.com", "wrong password"))
        using (await LoginAsync("audited@example.com", AuthServerFixture.Password))
        {
        }

        var services = fixture.Server.App.Services;
        await services.GetRequiredService<AuditLog>().FlushAsync(default);
        await using var db = services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.Target == $"user:{user.Id:D}").OrderBy(e => e.Sequence).ToListAsync();

        Assert.Equal([AuditActions.UserCreated, AuditActions.LoginFailed, AuditActions.LoginSucceeded], entries.Select(e => e.Action));
        Assert.Contains("\"reason\":\"bad_password\"", entries[1].Details, StringComparison.Ordinal);
        Assert.Equal((AuditActorKind.User, user.Id.ToString("D")), (entries[2].ActorKind, entries[2].ActorId));
        Assert.True((await services.GetRequiredService<AuditVerifier>().VerifyAsync(default)).Intact);
    }

    private async Task<string> NewUserEmailAsync(string email)
    {
        await fixture.CreateUserAsync(email);
        return email;
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        fixture.Client.PostAsJsonAsync("api/v1/auth/login", new { tenant = "acme", email, password });

    private async Task<JsonObject> LoginTokensAsync(string email)
    {
        using var response = await LoginAsync(email, AuthServerFixture.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        fixture.Client.PostAsJsonAsync("api/v1/auth/refresh", new JsonObject { ["refresh_token"] = refreshToken });

    private Task<HttpResponseMessage> MeAsync(string accessToken) => SendAsync(HttpMethod.Get, "api/v1/auth/me", accessToken);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string accessToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await fixture.Client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((int)status, (int)problem!["status"]!);
        Assert.Contains(detail, (string?)problem["detail"], StringComparison.Ordinal);
    }
}
