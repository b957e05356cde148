using Microsoft.Playwright;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class LoginTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Login_WithPassword_OpensTheChat_AndLogoutEndsTheSession()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Expect(page.GetByTestId("oidc")).ToHaveAttributeAsync("href", "/api/v1/auth/oidc/start?session=web&return_to=%2F");
        await browser.ScreenshotAsync("login");
        await browser.LoginAsync(WebServer.Member);

        await Expect(page.GetByTestId("composer")).ToBeVisibleAsync();
        await page.GotoAsync("/login?returnUrl=%2Fkb");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/kb$"));
        await browser.WaitForAppAsync();
        var cookie = (await browser.Context.CookiesAsync()).Single(c => c.Name == "sb_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?signedOut=1"));
        await page.GotoAsync("/kb");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task SingleSignOn_FromTheLoginPage_EndsInACookieSession_WithNoTokenInTheAddress()
    {
        fixture.Oidc.NextUser = new() { ["sub"] = "sso-sasha", ["email"] = "sasha.sso@acme.test", ["email_verified"] = true, ["name"] = "Sasha Single" };
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/login?returnUrl=%2Fkb");
        await page.GetByTestId("oidc").ClickAsync();

        // Provider, callback, then the page asked for — signed in, with the session in the HttpOnly cookie only.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/kb$"));
        await browser.WaitForAppAsync();
        Assert.DoesNotContain("token", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(fixture.Oidc.AuthorizeRequests, q => q["code_challenge_method"] == "S256");
        var cookie = (await browser.Context.CookiesAsync()).Single(c => c.Name == "sb_session");
        Assert.True(cookie.HttpOnly);
        await page.GetByTestId("account-menu").ClickAsync();
        await Expect(page.GetByText("Sasha Single")).ToBeVisibleAsync();
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Login_WithWrongPassword_SaysSoWithoutEchoingThePassword()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/login");
        await page.GetByTestId("email").FillAsync(WebServer.Viewer.Email);
        await page.GetByTestId("password").FillAsync("not-the-password");
        await page.GetByTestId("login").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Invalid e-mail or password.");
        await Expect(page.GetByTestId("password")).ToHaveValueAsync("");
        Assert.DoesNotContain("not-the-password", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
