using Microsoft.Playwright;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.Web;
using Switchboard.Server.Web.Admin;
using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.KnowledgeBase;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class SecurityTests(BrowserFixture fixture)
{
    private const string Payload = "Quarterly payload report. <script>window.__xss = 'script'</script> and <img src=x onerror=\"window.__xss = 'img'\"> end.";

    [Fact]
    public async Task ScriptInADocument_IsShownAsText_InSearchSnippetsSourcesAndCitedAnswers_AndNeverRuns()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/kb");
        await KnowledgeBaseTests.CreateCollectionAsync(page, "xss-docs");
        await page.GetByTestId("upload-input").SetInputFilesAsync(new FilePayload
        {
            Name = "payload.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(Payload),
        });
        await Expect(page.Locator("[data-testid=document-row][data-name='payload.txt']"))
            .ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 90_000 });

        await page.GetByTestId("search-query").FillAsync("quarterly payload report");
        await page.GetByTestId("search-run").ClickAsync();
        var highlight = page.GetByTestId("search-highlight").First;
        await Expect(highlight).ToContainTextAsync("<script>window.__xss = 'script'</script>");
        await Expect(highlight.Locator("mark").First).ToBeVisibleAsync();
        await AssertNothingRanAsync(browser);

        await page.GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true }).ClickAsync();
        await page.GetByTestId("kb-toggle").CheckAsync();
        await page.GetByTestId("composer").FillAsync("What is in the quarterly payload report?");
        await page.GetByTestId("send").ClickAsync();
        var answer = page.Locator("[data-testid=assistant-message][data-streaming=false]").Last;
        await Expect(answer.GetByTestId("answer-text")).ToContainTextAsync("<script>");
        await Expect(answer.GetByTestId("source-snippet").First).ToContainTextAsync("onerror");
        await browser.ScreenshotAsync("xss-document");
        await AssertNothingRanAsync(browser);
    }

    [Fact]
    public async Task ScriptInModelOutput_IsShownAsText_AndUnsafeLinksAndImagesAreDefused()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member);
        await ChatTests.SelectModelAsync(page, "xss");
        await page.GetByTestId("composer").FillAsync("Say something dangerous");
        await page.GetByTestId("send").ClickAsync();

        var text = page.Locator("[data-testid=assistant-message][data-streaming=false]").Last.GetByTestId("answer-text");
        await Expect(text).ToContainTextAsync("done.");
        await Expect(text).ToContainTextAsync("<script>window.__xss = 'script'</script>");
        await Expect(text.Locator("img")).ToHaveCountAsync(0);
        await Expect(text.GetByRole(AriaRole.Link, new() { Name = "click me" })).ToHaveAttributeAsync("href", "");
        await Expect(text.GetByRole(AriaRole.Link, new() { Name = "pic" })).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        await browser.ScreenshotAsync("xss-model");
        await AssertNothingRanAsync(browser);
    }

    [Fact]
    public async Task Viewer_SeesNoUploadOrDeleteControls()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Viewer, "/kb");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Knowledge base" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("upload-input")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("new-collection")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("delete-document")).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await browser.WaitForAppAsync();
        await Expect(page.GetByTestId("attach-input")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Services_RefuseWhatTheRoleDoesNotAllow_WhateverThePageShows()
    {
        await using var viewer = await SessionScopeAsync(WebServer.Viewer);
        var knowledge = viewer.ServiceProvider.GetRequiredService<KnowledgeBaseService>();
        await Assert.ThrowsAsync<WebForbiddenException>(() => knowledge.UploadAsync("viewer-files", "a.txt", new MemoryStream([1]), null, CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => knowledge.DeleteDocumentAsync("doc_x", CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => knowledge.CreateCollectionAsync("viewer-collection", null, true, CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => viewer.ServiceProvider.GetRequiredService<ApiKeyAdminService>().ListAsync(CancellationToken.None));
        Assert.NotNull(await knowledge.CollectionsAsync(CancellationToken.None));

        await using var member = await SessionScopeAsync(WebServer.Member);
        await Assert.ThrowsAsync<WebForbiddenException>(() => member.ServiceProvider.GetRequiredService<UserAdminService>().ListAsync(CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => member.ServiceProvider.GetRequiredService<SystemStatusService>().ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => member.ServiceProvider.GetRequiredService<UserAdminService>()
            .ChangeRoleAsync(Guid.NewGuid(), UserRole.Owner, CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => member.ServiceProvider.GetRequiredService<TeamAdminService>().CreateAsync("members-team", CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => member.ServiceProvider.GetRequiredService<AuditAdminService>().VerifyAsync(CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => member.ServiceProvider.GetRequiredService<BudgetAdminService>().LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Forms_WithoutTheAntiforgeryToken_AreRefused()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        using var logout = await http.PostAsync("account/logout", new FormUrlEncodedContent([new("returnUrl", "/")]));
        using var login = await http.PostAsync("login", new FormUrlEncodedContent(
            [new("_handler", "login"), new("Form.Email", WebServer.Owner.Email), new("Form.Password", WebServer.Owner.Password)]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, login.StatusCode);
        Assert.False(login.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sb_session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pages_CarryAContentSecurityPolicy_AndTheApisStayAsTheyWere()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.BaseAddress };
        using var login = await http.GetAsync("login");
        using var models = await http.GetAsync("v1/models");
        using var health = await http.GetAsync("healthz");
        using var documents = await http.GetAsync("api/v1/documents");
        using var file = await http.GetAsync("files/doc_x");

        Assert.Contains("script-src 'self'", string.Join(";", login.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, models.StatusCode);
        Assert.False(models.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, documents.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, file.StatusCode);
    }

    [Fact]
    public void EveryEndpointOutsideTheApis_IsMarkedAsTheWebApplications()
    {
        var endpoints = fixture.Server.App.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().ToList();
        var web = endpoints.Where(e => e.Metadata.GetMetadata<WebUiEndpoint>() is not null).Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();
        var unmarked = endpoints.Where(e => e.Metadata.GetMetadata<WebUiEndpoint>() is null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !(p.StartsWith("/v1", StringComparison.Ordinal) || p.StartsWith("/api/", StringComparison.Ordinal) || p is "/metrics" or "/healthz" or "/readyz"))
            .ToList();

        Assert.True(unmarked.Count == 0, "web endpoints without WebUiEndpoint: " + string.Join(", ", unmarked));
        Assert.Contains("/login", web);
        Assert.Contains("/files/{id}", web);
        Assert.DoesNotContain(web, p => p.StartsWith("/v1", StringComparison.Ordinal) || p.StartsWith("/api/", StringComparison.Ordinal));
    }

    private static async Task AssertNothingRanAsync(BrowserPage browser)
    {
        Assert.Equal("undefined", await browser.Page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(browser.Dialogs);
        Assert.Equal(0, await browser.Page.Locator("[data-testid=thread] script, [data-testid=thread] img, [data-testid=search-results] script, "
            + "[data-testid=search-results] img").CountAsync());
    }

    private Task<AsyncServiceScope> SessionScopeAsync(TestAccount account) => fixture.Server.SessionScopeAsync(account);
}
