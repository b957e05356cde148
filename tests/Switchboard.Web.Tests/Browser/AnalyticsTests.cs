using System.Globalization;
using Microsoft.Playwright;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

/// <summary>
/// The analytics page over the real usage ledger: model calls made with control-plane keys show up in the charts once
/// the ledger has them, grouped by model, priced, downloadable as CSV; a member sees only their own. Own server (with a
/// price on <c>chat</c>), so every count is exact.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AnalyticsTests(BrowserFixture fixture) : IAsyncLifetime
{
    private WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await WebServer.StartAsync(WebServer.Config(fixture.Stub).Replace(
            "\"model\": \"echo\", \"maxContextTokens\": 8192",
            "\"model\": \"echo\", \"maxContextTokens\": 8192, \"price\": { \"inputPer1M\": 1000, \"outputPer1M\": 2000, \"currency\": \"RUB\" }",
            StringComparison.Ordinal));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Charts_ChangeWhenRequestsAreMade_GroupedByModel_AndDownloadAsCsv()
    {
        await using var browser = await fixture.NewPageAsync(server: _server);
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/analytics");
        var requests = page.GetByTestId("chart-requests");
        await Expect(requests).ToHaveAttributeAsync("data-total", "0");
        await Expect(page.GetByTestId("chart-cost-rub")).ToHaveCountAsync(0);
        await page.GetByTestId("group-model").ClickAsync();
        await Expect(page.GetByTestId("group-model")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(requests).ToHaveAttributeAsync("data-series", "");

        var key = await _server.CreateKeyAsync(WebServer.Owner.Email, "analytics");
        foreach (var model in new[] { "chat", "chat", "long" })
        {
            using var response = await _server.ChatAsync(key, model);
            response.EnsureSuccessStatusCode();
        }

        await _server.WaitForUsageRowsAsync(3);
        await page.GetByTestId("refresh").ClickAsync();

        await Expect(requests).ToHaveAttributeAsync("data-total", "3");
        // Lines ordered by requests; each line's points add up to its group's requests.
        await Expect(requests).ToHaveAttributeAsync("data-series", "chat,long");
        await Expect(requests.Locator("[data-testid=series][data-key='chat']")).ToHaveAttributeAsync("data-sum", "2");
        await Expect(requests.Locator("[data-testid=series][data-key='long']")).ToHaveAttributeAsync("data-sum", "1");
        // The stub reports 10 prompt tokens per call and 2,000 completion tokens for "long".
        await Expect(page.GetByTestId("chart-tokens-in")).ToHaveAttributeAsync("data-total", "30");
        Assert.True(double.Parse((await page.GetByTestId("chart-tokens-out").GetAttributeAsync("data-total"))!, CultureInfo.InvariantCulture) > 2000);
        // Only "chat" has a price, in the tenant's currency.
        var cost = page.GetByTestId("chart-cost-rub");
        await Expect(cost).ToHaveAttributeAsync("data-series", "chat");
        Assert.True(double.Parse((await cost.GetAttributeAsync("data-total"))!, CultureInfo.InvariantCulture) > 0);
        await Expect(page.GetByTestId("chart-latency-p95").Locator("[data-testid=series]")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("chart-error-rate")).ToHaveAttributeAsync("data-total", "0");
        await Expect(page.Locator("[data-testid=breakdown-row][data-group='chat']")).ToHaveAttributeAsync("data-requests", "2");
        await browser.ScreenshotAsync("admin-analytics");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("switchboard-usage-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("bucket,group,requests,errors,error_rate,tokens_in,tokens_out,latency_p50_ms,latency_p95_ms,active_users,active_keys,cost_rub", csv[0]);
        Assert.Equal(3, csv.Skip(1).Sum(line => int.Parse(line.Split(',')[2], CultureInfo.InvariantCulture)));
        Assert.Contains(csv, line => line.Split(',')[1] == "long");

        // Another period and no grouping: the same requests, one line.
        await page.GetByTestId("range-week").ClickAsync();
        await page.GetByTestId("group-none").ClickAsync();
        await Expect(requests).ToHaveAttributeAsync("data-series", "");
        await Expect(requests.Locator("[data-testid=series]")).ToHaveAttributeAsync("data-sum", "3");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Member_SeesOnlyTheirOwnUsage_WhileTheOwnerSeesTheTenant()
    {
        var ownerKey = await _server.CreateKeyAsync(WebServer.Owner.Email, "owner-scripts");
        var memberKey = await _server.CreateKeyAsync(WebServer.Member.Email, "member-laptop");
        foreach (var (key, model) in new[] { (ownerKey, "chat"), (ownerKey, "long"), (memberKey, "chat") })
        {
            using var response = await _server.ChatAsync(key, model);
            response.EnsureSuccessStatusCode();
        }

        await _server.WaitForUsageRowsAsync(3);

        await using var member = await fixture.NewPageAsync(server: _server);
        await member.LoginAsync(WebServer.Member, "/admin/analytics");
        await Expect(member.Page.GetByTestId("own-usage")).ToBeVisibleAsync();
        await Expect(member.Page.GetByTestId("chart-requests")).ToHaveAttributeAsync("data-total", "1");
        await member.Page.GetByTestId("group-key").ClickAsync();
        await Expect(member.Page.GetByTestId("breakdown-row")).ToHaveCountAsync(1);
        await Expect(member.Page.GetByTestId("breakdown")).ToContainTextAsync("member-laptop");
        await member.ScreenshotAsync("admin-analytics-member");

        await using var owner = await fixture.NewPageAsync(server: _server);
        await owner.LoginAsync(WebServer.Owner, "/admin/analytics");
        await Expect(owner.Page.GetByTestId("chart-requests")).ToHaveAttributeAsync("data-total", "3");
        await Expect(owner.Page.GetByTestId("own-usage")).ToHaveCountAsync(0);
        await owner.Page.GetByTestId("group-user").ClickAsync();
        await Expect(owner.Page.GetByTestId("breakdown-row")).ToHaveCountAsync(2);
        await Expect(owner.Page.GetByTestId("breakdown")).ToContainTextAsync("Mark Member");
        Assert.Empty(member.Errors);
        Assert.Empty(owner.Errors);
    }

    [Fact]
    public async Task Page_IsUsableOnAPhone()
    {
        await using var browser = await fixture.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 }, server: _server);
        await browser.LoginAsync(WebServer.Viewer, "/admin/analytics");
        await Expect(browser.Page.GetByTestId("chart-requests")).ToBeVisibleAsync();
        var overflow = await browser.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        await browser.ScreenshotAsync("admin-analytics-phone");
    }
}
