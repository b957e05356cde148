using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Web;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

/// <summary>Sessions that end while a page is open or between visits: the page goes to the login form and says why. Own server with a fake clock.</summary>
[Collection(BrowserTests.Name)]
public sealed partial class SessionTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebServer _server = null!;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync(WebServer.Config(fixture.Stub), services =>
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.Configure<WebUiOptions>(o => o.RevalidationInterval = TimeSpan.FromSeconds(1));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SessionExpiry_WhileThePageIsOpen_SendsItToTheLoginFormWithAMessage()
    {
        await using var browser = await fixture.NewPageAsync(server: _server);
        await browser.LoginAsync(WebServer.Member, "/kb");

        _clock.Advance(TimeSpan.FromHours(9));

        await Expect(browser.Page).ToHaveURLAsync(ExpiredLogin());
        await Expect(browser.Page.GetByTestId("session-expired")).ToHaveTextAsync("Your session has ended. Please log in again.");
        await Expect(browser.Page.GetByTestId("oidc")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("session-expired");
        await browser.LoginAsync(WebServer.Member, "/kb");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/kb$"));
    }

    [Fact]
    public async Task SessionRevokedElsewhere_EndsTheOpenPage_AndTheNextVisit()
    {
        await using var browser = await fixture.NewPageAsync(server: _server);
        await browser.LoginAsync(WebServer.Viewer);
        await using var other = await fixture.NewPageAsync(server: _server);
        await other.LoginAsync(WebServer.Viewer);
        // The second browser keeps its cookie but has no page open: its next visit meets the ended session.
        await other.Page.GotoAsync("about:blank");

        await RevokeSessionsAsync(WebServer.Viewer.Email);

        await Expect(browser.Page).ToHaveURLAsync(ExpiredLogin());
        await other.Page.GotoAsync("/kb");
        await Expect(other.Page).ToHaveURLAsync(ExpiredLogin());
        await Expect(other.Page.GetByTestId("session-expired")).ToBeVisibleAsync();
        Assert.DoesNotContain(await other.Context.CookiesAsync(), c => c.Name == "sb_session");
    }

    /// <summary>What a logout elsewhere, a refresh-token reuse or an administrator does to a user's sessions.</summary>
    private async Task RevokeSessionsAsync(string email)
    {
        using var scope = _server.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var now = _clock.GetUtcNow();
        await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
    }

    [GeneratedRegex(@"/login\?expired=1&returnUrl=")]
    private static partial Regex ExpiredLogin();
}
