using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed partial class KnowledgeBaseTests(BrowserFixture fixture)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Processing = new() { Timeout = 90_000 };

    [Fact]
    public async Task UploadPdf_BecomesReady_ThenAnAnswerCitesIt_AndTheSourceOpensAtItsPage()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member, "/kb");
        await CreateCollectionAsync(page, "manuals");

        await page.GetByTestId("upload-input").SetInputFilesAsync(Path.Combine(SharedModels.PdfSamples, "pdflatex-4-pages.pdf"));
        var row = page.Locator("[data-testid=document-row][data-name='pdflatex-4-pages.pdf']");
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", Processing);
        await Expect(page.Locator("[data-testid=upload][data-name='pdflatex-4-pages.pdf']")).ToHaveAttributeAsync("data-status", "ready", Processing);
        await browser.ScreenshotAsync("kb-uploaded");

        await page.GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true }).ClickAsync();
        await page.GetByTestId("kb-toggle").CheckAsync();
        await page.GetByTestId("composer").FillAsync("What does the blind text Huardest gefburn tell about the font?");
        await page.GetByTestId("send").ClickAsync();
        var answer = page.Locator("[data-testid=assistant-message][data-streaming=false]").Last;
        await Expect(answer.GetByTestId("answer-text")).ToContainTextAsync("According to the documents");
        await Expect(answer.Locator(".sb-cite")).ToHaveCountAsync(1);
        var card = answer.GetByTestId("source-card").First;
        await Expect(card).ToContainTextAsync("manuals");
        await browser.ScreenshotAsync("chat-cited");

        var opened = await browser.Context.RunAndWaitForPageAsync(() => card.ClickAsync());
        Assert.Matches(FileAtPage(), opened.Url);
        var file = await browser.Context.APIRequest.GetAsync(opened.Url);
        Assert.Equal(200, file.Status);
        Assert.Equal("application/pdf", file.Headers["content-type"]);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Documents_CanBeReindexedAndDeleted_AndFailuresShowTheirReason()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/kb");
        await CreateCollectionAsync(page, "mixed");

        await page.GetByTestId("upload-input").SetInputFilesAsync(
        [
            new FilePayload { Name = "notes.md", MimeType = "text/markdown", Buffer = "# Notes\n\nThe office opens at nine."u8.ToArray() },
            new FilePayload { Name = "broken.xyz", MimeType = "application/octet-stream", Buffer = [1, 2, 3, 4] },
        ]);
        var notes = page.Locator("[data-testid=document-row][data-name='notes.md']");
        var broken = page.Locator("[data-testid=document-row][data-name='broken.xyz']");
        await Expect(notes).ToHaveAttributeAsync("data-status", "ready", Processing);
        await Expect(broken).ToHaveAttributeAsync("data-status", "failed", Processing);
        await Expect(broken.GetByTestId("document-error")).ToContainTextAsync("xyz");

        await notes.GetByTestId("reindex").ClickAsync();
        await Expect(notes).ToHaveAttributeAsync("data-status", "ready", Processing);
        await broken.GetByTestId("delete-document").ClickAsync();
        await browser.ConfirmAsync("Delete");
        await Expect(broken).ToHaveCountAsync(0);

        await page.GetByTestId("search-query").FillAsync("office nine");
        await page.GetByTestId("search-run").ClickAsync();
        await Expect(page.GetByTestId("search-result").First.Locator("mark").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("kb-search");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task FileAttachedInTheChat_GoesIntoTheKnowledgeBase_AndAnswersTheNextQuestion()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member);

        await page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload
        {
            Name = "parking.md", MimeType = "text/markdown", Buffer = "# Parking\n\nVisitors park on level minus two, bay forty.\n"u8.ToArray(),
        });
        await Expect(page.Locator("[data-testid=upload][data-name='parking.md']")).ToHaveAttributeAsync("data-status", "ready", Processing);
        await Expect(page.GetByTestId("kb-toggle")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("collection-picker")).ToHaveValueAsync("My files");
        await browser.ScreenshotAsync("chat-attached");

        await page.GetByTestId("composer").FillAsync("Where do visitors park?");
        await page.GetByTestId("send").ClickAsync();
        var answer = page.Locator("[data-testid=assistant-message][data-streaming=false]").Last;
        await Expect(answer.GetByTestId("answer-text")).ToContainTextAsync("level minus two");
        await Expect(answer.GetByTestId("source-card")).ToContainTextAsync("Parking");
        Assert.Empty(browser.Errors);
    }

    internal static async Task CreateCollectionAsync(IPage page, string name)
    {
        await page.GetByTestId("new-collection").ClickAsync();
        await page.GetByTestId("collection-name").FillAsync(name);
        await page.GetByTestId("collection-create").ClickAsync();
        await Expect(page.Locator($"[data-testid=collection-chip][data-name='{name}']")).ToHaveClassAsync(new Regex("active"));
    }

    [GeneratedRegex(@"/files/doc_[0-9a-f]+#page=\d+$")]
    private static partial Regex FileAtPage();
}
