using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>
/// A page in its own browser context, with what a test needs around it: logging in, waiting for the live circuit,
/// screenshots, and a record of script errors, content-security-policy violations and dialogs (an alert from injected
/// script would show up here).
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ConcurrentQueue<string> Errors { get; } = new();

    public ConcurrentQueue<string> Dialogs { get; } = new();

    public static async Task<BrowserPage> CreateAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var browserPage = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                browserPage.Errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => browserPage.Errors.Enqueue("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            browserPage.Dialogs.Enqueue(dialog.Type + ": " + dialog.Message);
            await dialog.DismissAsync();
        };
        return browserPage;
    }

    /// <summary>Logs in through the form and waits until the application is live.</summary>
    public async Task LoginAsync(TestAccount account, string path = "/")
    {
        await Page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(path));
        await Page.GetByTestId("email").FillAsync(account.Email);
        await Page.GetByTestId("password").FillAsync(account.Password);
        await Page.GetByTestId("login").ClickAsync();
        await WaitForAppAsync();
    }

    /// <summary>Waits until the interactive circuit is connected (the layout marks the body).</summary>
    public Task WaitForAppAsync() => Page.Locator("body[data-sb-interactive='1']").WaitForAsync();

    /// <summary>Answers the open confirmation dialog with its button <paramref name="button"/>.</summary>
    public Task ConfirmAsync(string button) => Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.Screenshot(name), Animations = ScreenshotAnimations.Disabled });

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
