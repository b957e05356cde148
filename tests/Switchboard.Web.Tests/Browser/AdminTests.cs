using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class AdminTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ApiKey_IsShownOnceWhenCreated_WorksAtOnce_AndStopsWorkingWhenRevoked()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/keys");

        await page.GetByTestId("new-key").ClickAsync();
        await page.GetByTestId("key-name").FillAsync("ci-pipeline");
        await page.GetByTestId("key-create").ClickAsync();
        var secret = (await page.GetByTestId("new-key-secret").TextContentAsync())!.Trim();
        Assert.StartsWith("sb-", secret, StringComparison.Ordinal);
        await browser.ScreenshotAsync("admin-key-created");
        await page.GetByTestId("key-done").ClickAsync();
        await Expect(page.GetByTestId("new-key-secret")).ToHaveCountAsync(0);

        var row = page.Locator("[data-testid=key-row][data-name='ci-pipeline']");
        await Expect(row).ToHaveAttributeAsync("data-status", "active");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await ModelsStatusAsync(secret));

        await row.GetByTestId("revoke").ClickAsync();
        await browser.ConfirmAsync("Revoke");
        await Expect(row).ToHaveAttributeAsync("data-status", "revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await ModelsStatusAsync(secret));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task SystemAndUsers_ShowTheLiveStateAndCreateAUser()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/system");
        await Expect(page.GetByTestId("deployment-row")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("queue-waiting")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("admin-system");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(page.Locator("[data-testid=user-row][data-email='member@acme.test']")).ToHaveCountAsync(1);
        await page.GetByTestId("new-user").ClickAsync();
        await page.GetByTestId("user-email").FillAsync("new.hire@acme.test");
        await page.GetByTestId("user-password").FillAsync("welcome-aboard-1");
        await page.GetByTestId("user-create").ClickAsync();
        await Expect(page.Locator("[data-testid=user-row][data-email='new.hire@acme.test']")).ToHaveCountAsync(1);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task AdminPages_AreClosedToMembers_WhoKeepOnlyTheirOwnKeys()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member, "/admin/users");

        await Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-user")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        // keys.manage_own: a member makes and sees their own keys, never the owner's.
        await page.GotoAsync("/admin/keys");
        await browser.WaitForAppAsync();
        await page.GetByTestId("new-key").ClickAsync();
        await page.GetByTestId("key-name").FillAsync("member-laptop");
        await page.GetByTestId("key-create").ClickAsync();
        await page.GetByTestId("key-done").ClickAsync();
        await Expect(page.Locator("[data-testid=key-row][data-name='member-laptop']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=key-row][data-name='ci-pipeline']")).ToHaveCountAsync(0);
        Assert.Empty(browser.Errors);
    }

    private async Task<HttpStatusCode> ModelsStatusAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync("v1/models");
        return response.StatusCode;
    }
}
