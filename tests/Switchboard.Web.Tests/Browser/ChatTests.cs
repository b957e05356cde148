using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchboard.Knowledge.Store;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed partial class ChatTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Send_StreamsTheAnswer_SeenGrowingOverSeveralRenders()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member);
        // Record the answer's length at every change the page makes while it streams.
        await page.EvaluateAsync("""
            () => {
              window.__lengths = [];
              new MutationObserver(() => {
                const answers = document.querySelectorAll('[data-testid=answer-text]');
                if (answers.length) window.__lengths.push(answers[answers.length - 1].textContent.length);
              }).observe(document.querySelector('[data-testid=thread]'), { subtree: true, childList: true, characterData: true });
            }
            """);

        await page.GetByTestId("composer").FillAsync("Hello streaming world");
        await page.GetByTestId("composer").PressAsync("Enter");

        var answer = page.Locator("[data-testid=assistant-message][data-streaming=false]").Last;
        await Expect(answer.GetByTestId("answer-text")).ToContainTextAsync("You said: Hello streaming world");
        await Expect(answer.GetByTestId("answer-text")).ToContainTextAsync("Anything else?");
        var lengths = await page.EvaluateAsync<int[]>("() => window.__lengths");
        var partial = lengths.Where(l => l > 0).Distinct().ToList();
        Assert.True(partial.Count >= 3, $"Expected several partial renders, saw lengths {string.Join(",", lengths)}");
        // The code block is highlighted and has a copy button; the page has its address.
        await Expect(answer.Locator(".sb-code .tk-k").First).ToHaveTextAsync("var");
        await browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await answer.Locator(".sb-code [data-sb-copy=code]").ClickAsync();
        await Expect(answer.Locator(".sb-code .sb-copied")).ToHaveCountAsync(1);
        Assert.Equal("var answer = 42; // the answer", (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Trim());
        await Expect(page).ToHaveURLAsync(ConversationUrl());
        await Expect(page.GetByTestId("conversation").First).ToContainTextAsync("Hello streaming world");
        await browser.ScreenshotAsync("chat-streamed");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task StopRegenerateEditAndRate_ChangeTheConversationAsShown()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member);
        await SelectModelAsync(page, "long");

        await page.GetByTestId("composer").FillAsync("Tell me a long story");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.Locator("[data-testid=assistant-message][data-streaming=true] [data-testid=answer-text]")).ToContainTextAsync("word");
        await page.GetByTestId("stop").ClickAsync();
        await Expect(page.GetByTestId("stopped")).ToBeVisibleAsync();

        await SelectModelAsync(page, "chat");
        await page.GetByTestId("regenerate").ClickAsync();
        var answer = page.Locator("[data-testid=assistant-message][data-streaming=false]").Last.GetByTestId("answer-text");
        await Expect(answer).ToContainTextAsync("You said: Tell me a long story");
        await Expect(page.GetByTestId("stopped")).ToHaveCountAsync(0);

        await page.GetByTestId("user-message").Last.HoverAsync();
        await page.GetByTestId("edit").ClickAsync();
        await page.GetByTestId("edit-text").FillAsync("A shorter story, please");
        await page.GetByTestId("edit-send").ClickAsync();
        await Expect(answer).ToContainTextAsync("You said: A shorter story, please");
        await Expect(page.GetByTestId("user-message")).ToHaveCountAsync(1);

        await page.GetByTestId("thumbs-up").ClickAsync();
        await Expect(page.GetByTestId("thumbs-up")).ToHaveAttributeAsync("aria-pressed", "true");
        var conversationId = ConversationUrl().Match(page.Url).Groups[1].Value;
        var stored = fixture.Server.App.Services.GetRequiredService<KnowledgeStore>().GetConversationMessages(conversationId);
        Assert.Equal(["user", "assistant"], stored.Select(m => m.Role));
        Assert.Equal("A shorter story, please", stored[0].Content);
        Assert.Equal(1, stored[1].Feedback);
        Assert.Equal("chat", stored[1].Model);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Conversations_CanBeSearchedRenamedAndDeleted()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Viewer);
        foreach (var text in new[] { "Quarterly numbers", "Holiday plans" })
        {
            await page.GetByTestId("new-chat").ClickAsync();
            await page.GetByTestId("composer").FillAsync(text);
            await page.GetByTestId("send").ClickAsync();
            await Expect(page.Locator("[data-testid=assistant-message][data-streaming=false]")).ToHaveCountAsync(1);
        }

        var conversations = page.GetByTestId("conversation");
        await Expect(conversations).ToHaveCountAsync(2);
        await page.GetByTestId("conversation-search").FillAsync("holiday");
        await Expect(conversations).ToHaveCountAsync(1);
        await page.GetByTestId("conversation-search").FillAsync("");
        await Expect(conversations).ToHaveCountAsync(2);

        await conversations.Filter(new() { HasText = "Quarterly" }).GetByTestId("conversation-menu").ClickAsync();
        await page.GetByTestId("rename").ClickAsync();
        await page.GetByTestId("prompt-text").FillAsync("Q3 report");
        await page.GetByTestId("prompt-ok").ClickAsync();
        await Expect(conversations.Filter(new() { HasText = "Q3 report" })).ToHaveCountAsync(1);

        await conversations.Filter(new() { HasText = "Holiday" }).GetByTestId("conversation-menu").ClickAsync();
        await page.GetByTestId("delete").ClickAsync();
        await browser.ConfirmAsync("Delete");
        await Expect(conversations).ToHaveCountAsync(1);
        await Expect(conversations).ToContainTextAsync("Q3 report");
        Assert.Empty(browser.Errors);
    }

    internal static async Task SelectModelAsync(IPage page, string alias)
    {
        await page.GetByTestId("model-picker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = alias, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("model-picker")).ToHaveTextAsync(alias);
    }

    [GeneratedRegex(@"/c/(conv_[0-9a-f]+)$")]
    internal static partial Regex ConversationUrl();
}
