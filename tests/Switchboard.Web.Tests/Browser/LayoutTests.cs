using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class LayoutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task RussianBrowser_GetsRussian_AndCanSwitchToEnglishForGood()
    {
        await using var browser = await fixture.NewPageAsync(locale: "ru-RU");
        var page = browser.Page;
        await page.GotoAsync("/login");
        await Expect(page.GetByTestId("login")).ToHaveTextAsync("Войти");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");

        await browser.LoginAsync(WebServer.Member);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Чат" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("composer")).ToHaveAttributeAsync("placeholder", new Regex("^Сообщение"));
        await browser.ScreenshotAsync("chat-russian");

        await page.GetByTestId("language").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ReloadAsync();
        await browser.WaitForAppAsync();
        await Expect(page.GetByTestId("new-chat")).ToContainTextAsync("New chat");
        Assert.Contains(await browser.Context.CookiesAsync(), c => c.Name == "sb_lang" && c.Value == "en");

        await page.GetByRole(AriaRole.Button, new() { Name = "Light or dark theme" }).ClickAsync();
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("sb-dark"));
        await browser.ScreenshotAsync("chat-dark");
    }

    [Fact]
    public async Task PhoneSizedScreen_ChatFitsAndWorks()
    {
        await using var browser = await fixture.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member);

        await page.GetByTestId("composer").FillAsync("Hi from a phone");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.Locator("[data-testid=assistant-message][data-streaming=false]").Last).ToContainTextAsync("Hi from a phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");
        await Expect(page.GetByTestId("send")).ToBeInViewportAsync();
        await browser.ScreenshotAsync("phone-chat");

        await page.GetByTestId("conversations-toggle").ClickAsync();
        await Expect(page.GetByTestId("conversation").First).ToBeInViewportAsync();
        await browser.ScreenshotAsync("phone-conversations");
        await page.GotoAsync("/kb");
        await browser.WaitForAppAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The knowledge base scrolls sideways.");
        await browser.ScreenshotAsync("phone-kb");
        Assert.Empty(browser.Errors);
    }
}
