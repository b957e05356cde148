using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.Usage.Storage;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

/// <summary>
/// The budgets and limits page (stored rows, and the gateway applying them at once) and the audit log page (filters,
/// paging, the chain check), checked against the server itself.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class BudgetsAndAuditTests(BrowserFixture fixture)
{
    private IServiceProvider Services => fixture.Server.App.Services;

    [Fact]
    public async Task Budgets_TenantDailyBudgetAndTeamLimit_AreStoredListedAndEnforced_ThenRemoved()
    {
        var tenantId = await AcmeIdAsync();
        var team = await CreateTeamAsync(tenantId, "Limited " + Guid.NewGuid().ToString("N")[..6]);
        var teamKey = await CreateTeamKeyAsync(tenantId, team);
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/budgets");
        await Expect(page.GetByTestId("currency-note")).ToContainTextAsync("RUB");

        await page.GetByTestId("set-budget").ClickAsync();
        await page.GetByTestId("budget-target").SelectOptionAsync(new SelectOptionValue { Label = "acme" });
        await page.GetByTestId("budget-period").SelectOptionAsync("day");
        await page.GetByTestId("budget-limit").FillAsync("1500");
        await page.GetByTestId("budget-soft").FillAsync("1200");
        await page.GetByTestId("budget-save").ClickAsync();
        var budget = page.Locator("[data-testid=budget-row][data-scope=tenant][data-period=day]");
        await Expect(budget.GetByTestId("budget-limit-value")).ToHaveTextAsync("1500.00 RUB");
        await Expect(budget.GetByTestId("budget-spent")).ToContainTextAsync("0.00");

        await page.GetByTestId("set-limits").ClickAsync();
        await page.GetByTestId("limit-target").SelectOptionAsync(new SelectOptionValue { Label = team.Name });
        await page.GetByTestId("limit-rpm").FillAsync("1");
        await page.GetByTestId("limit-save").ClickAsync();
        var limit = page.Locator($"[data-testid=limit-row][data-scope=team][data-name='{team.Name}']");
        await Expect(limit.GetByTestId("limit-rpm-value")).ToHaveTextAsync("1");
        await Expect(limit.GetByTestId("limit-tpm-value")).ToHaveTextAsync("—");
        await browser.ScreenshotAsync("admin-budgets");

        // The rows the gateway reads, written by the shared service.
        await using (var db = await UsageDbAsync())
        {
            var stored = await db.Budgets.AsNoTracking().SingleAsync(b => b.Scope == "tenant" && b.ScopeId == tenantId.ToString() && b.Period == "day");
            Assert.Equal((1500m, 1200m, "RUB"), (stored.LimitAmount, stored.SoftLimitAmount, stored.Currency));
            var limits = await db.Limits.AsNoTracking().SingleAsync(l => l.Scope == "team" && l.ScopeId == team.Id.ToString());
            Assert.Equal((1, (int?)null, (int?)null), (limits.RequestsPerMinute, limits.TokensPerMinute, limits.MaxConcurrent));
        }

        // In force at once: the team's key gets one request a minute.
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(teamKey)).Status);
        var (status, limitHeader) = await ChatAsync(teamKey);
        Assert.Equal((HttpStatusCode.TooManyRequests, "team:requests_per_minute"), (status, limitHeader));

        await budget.GetByTestId("remove-budget").ClickAsync();
        await browser.ConfirmAsync("Remove");
        await Expect(budget).ToHaveCountAsync(0);
        await limit.GetByTestId("remove-limits").ClickAsync();
        await browser.ConfirmAsync("Remove");
        await Expect(limit).ToHaveCountAsync(0);
        await using (var db = await UsageDbAsync())
        {
            Assert.False(await db.Budgets.AnyAsync(b => b.ScopeId == tenantId.ToString()));
            Assert.False(await db.Limits.AnyAsync(l => l.ScopeId == team.Id.ToString()));
        }

        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Audit_FiltersByActionAndTarget_PagesWithLoadMore_AndTheChainVerifies()
    {
        var tenantId = await AcmeIdAsync();
        var team = await CreateTeamAsync(tenantId, "Renamed " + Guid.NewGuid().ToString("N")[..6]);
        // 55 audited renames of one team: more than a page (50).
        var owner = (await Services.GetRequiredService<IdentityDirectory>().UserPrincipalAsync(await OwnerIdAsync(), default))!;
        await using (var scope = Services.CreateAsyncScope())
        {
            var teams = scope.ServiceProvider.GetRequiredService<TeamAdministration>();
            for (var i = 1; i <= 55; i++)
            {
                await teams.RenameAsync(owner, team.Id, $"{team.Name} v{i}", default);
            }
        }

        await Services.GetRequiredService<AuditLog>().FlushAsync(default);
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/audit");
        var rows = page.GetByTestId("audit-row");
        await Expect(rows.First).ToBeVisibleAsync();

        await page.GetByTestId("filter-action").FillAsync("user.created");
        await page.GetByTestId("apply-filters").ClickAsync();
        await Expect(rows.First).ToHaveAttributeAsync("data-action", "user.created");
        var actions = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)");
        Assert.True(actions.Length >= 3, $"{actions.Length} user.created rows");
        Assert.All(actions, a => Assert.Equal("user.created", a));
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync(WebServer.Member.Email);
        await browser.ScreenshotAsync("admin-audit-filtered");

        await page.GetByTestId("filter-action").FillAsync("team.updated");
        await page.GetByTestId("filter-target").FillAsync($"team:{team.Id:D}");
        await page.GetByTestId("apply-filters").ClickAsync();
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(rows.First).ToContainTextAsync($"{team.Name} v55");
        await page.GetByTestId("load-more").ClickAsync();
        await Expect(rows).ToHaveCountAsync(55);
        await Expect(rows.Last.Locator(".sb-audit-details")).ToHaveTextAsync(new Regex($"^name: {Regex.Escape(team.Name)} v1\\s"));
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);

        await page.GetByTestId("verify-chain").ClickAsync();
        var result = page.GetByTestId("chain-result");
        await Expect(result).ToHaveAttributeAsync("data-intact", "true");
        await Expect(result).ToContainTextAsync("The audit chain is intact");
        Assert.True((await Services.GetRequiredService<AuditVerifier>().VerifyAsync(default)).Intact);
        await browser.ScreenshotAsync("admin-audit-verified");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task AdminPages_OnAPhone_ScrollTheirTablesNotThePage()
    {
        // Long e-mail addresses do not break: tables scroll inside their card.
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(await AcmeIdAsync(),
                new NewUser($"a.very.long.name.of.someone.{Guid.NewGuid():N}@subsidiary.acme.test", null, UserRole.Viewer), AuditActor.System, default);
        }

        await using var browser = await fixture.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/audit");
        await Expect(page.GetByTestId("audit-row").First).ToBeVisibleAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The audit page scrolls sideways.");
        var table = page.GetByTestId("audit-table");
        Assert.True(await table.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "The audit table does not scroll on its own.");
        await table.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        Assert.True(await table.EvaluateAsync<double>("e => e.scrollLeft") > 0);
        await browser.ScreenshotAsync("phone-audit");

        foreach (var path in new[] { "/admin/budgets", "/admin/teams", "/admin/users" })
        {
            await page.GotoAsync(path);
            await browser.WaitForAppAsync();
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"{path} scrolls sideways: {await page.EvaluateAsync<string>(WiderThanTheScreen)}");
        }

        await browser.ScreenshotAsync("phone-users");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task AdminPages_InRussian_SpeakRussian()
    {
        await using var browser = await fixture.NewPageAsync(locale: "ru-RU");
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/budgets");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Бюджеты и лимиты");
        await Expect(page.GetByTestId("set-budget")).ToContainTextAsync("Задать бюджет");
        await Expect(page.GetByTestId("currency-note")).ToContainTextAsync("валюте организации");
        await page.GetByTestId("set-limits").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Запросов в минуту");
        await browser.ScreenshotAsync("admin-limits-russian");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Отмена" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Команды" }).ClickAsync();
        await Expect(page.GetByTestId("new-team")).ToContainTextAsync("Новая команда");
        await page.GetByRole(AriaRole.Link, new() { Name = "Журнал аудита" }).ClickAsync();
        await Expect(page.GetByTestId("verify-chain")).ToContainTextAsync("Проверить цепочку");
        await Expect(page.Locator("th").First).ToHaveTextAsync("Время");
        Assert.Empty(browser.Errors);
    }

    /// <summary>Script naming the elements that reach past the right edge of the screen, for a failure message.</summary>
    private const string WiderThanTheScreen = """
        () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')
        """;

    private async Task<(HttpStatusCode Status, string? Limit)> ChatAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.PostAsJsonAsync("v1/chat/completions",
            new { model = "chat", max_tokens = 20, messages = new[] { new { role = "user", content = "hello" } } });
        return (response.StatusCode, response.Headers.TryGetValues("x-switchboard-limit", out var values) ? values.Single() : null);
    }

    private async Task<Guid> AcmeIdAsync()
    {
        await using var db = await ControlPlaneDbAsync();
        return await db.Tenants.Where(t => t.Slug == "acme").Select(t => t.Id).SingleAsync();
    }

    private async Task<Guid> OwnerIdAsync()
    {
        await using var db = await ControlPlaneDbAsync();
        return await db.Users.Where(u => u.Email == WebServer.Owner.Email).Select(u => u.Id).SingleAsync();
    }

    private async Task<Team> CreateTeamAsync(Guid tenantId, string name)
    {
        var team = new Team { Id = Guid.NewGuid(), TenantId = tenantId, Name = name, CreatedAt = DateTimeOffset.UtcNow };
        await using (var db = await ControlPlaneDbAsync())
        {
            db.Teams.Add(team);
            await db.SaveChangesAsync();
        }

        await Services.GetRequiredService<IdentityDirectory>().RefreshAsync(default);
        return team;
    }

    private async Task<string> CreateTeamKeyAsync(Guid tenantId, Team team)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(tenantId, new NewApiKey(team.Name + " key", KeyOwner.Team(team.Id)), AuditActor.System, default);
        return created.Secret!;
    }

    private Task<ControlPlaneDbContext> ControlPlaneDbAsync() => Services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContextAsync();

    private Task<UsageDbContext> UsageDbAsync() => Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync();
}
