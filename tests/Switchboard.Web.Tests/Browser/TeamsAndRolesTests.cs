using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

/// <summary>The users page's role, status, password and delete actions and the teams page, checked against the control plane itself.</summary>
[Collection(BrowserTests.Name)]
public sealed class TeamsAndRolesTests(BrowserFixture fixture)
{
    private IServiceProvider Services => fixture.Server.App.Services;

    [Fact]
    public async Task Users_RoleChange_PasswordReset_Disable_AndDelete_TakeEffect_AndTheOnlyOwnerStays()
    {
        var email = $"role.change.{Guid.NewGuid().ToString("N")[..6]}@acme.test";
        await CreateUserAsync(email, UserRole.Member);
        var userId = (await UserAsync(email)).Id;
        var ownerId = (await UserAsync(WebServer.Owner.Email)).Id;
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/users");
        var row = page.Locator($"[data-testid=user-row][data-email='{email}']");

        await UserActionAsync(page, row, "change-role");
        await page.GetByTestId("role-admin").ClickAsync();
        await page.GetByTestId("role-save").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-role", "admin");
        await Expect(row.GetByTestId("user-role-name")).ToHaveTextAsync("Administrator");
        Assert.Equal(UserRole.Admin, (await UserAsync(email)).Role);
        Assert.Equal(UserRole.Admin, (await Services.GetRequiredService<IdentityDirectory>().UserPrincipalAsync(userId, default))!.Role);
        await browser.ScreenshotAsync("admin-user-role-changed");

        await UserActionAsync(page, row, "reset-password");
        await browser.ConfirmAsync("Reset password");
        var password = (await page.GetByTestId("new-key-secret").TextContentAsync())!.Trim();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Give this password to the user now");
        await page.GetByTestId("key-done").ClickAsync();
        Assert.Equal(LoginOutcome.Succeeded, await LoginOutcomeAsync(email, password));

        await UserActionAsync(page, row, "toggle-user");
        await Expect(row).ToHaveAttributeAsync("data-disabled", "true");
        Assert.True((await UserAsync(email)).Disabled);
        Assert.Equal(LoginOutcome.InvalidCredentials, await LoginOutcomeAsync(email, password));

        // The tenant's only owner cannot demote themselves: the control plane's refusal is shown and nothing changes.
        var owner = page.Locator($"[data-testid=user-row][data-email='{WebServer.Owner.Email}']");
        await UserActionAsync(page, owner, "change-role");
        await page.GetByTestId("role-member").ClickAsync();
        await page.GetByTestId("role-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("is the tenant's only enabled owner");
        await Expect(owner).ToHaveAttributeAsync("data-role", "owner");
        Assert.Equal(UserRole.Owner, (await UserAsync(WebServer.Owner.Email)).Role);

        await UserActionAsync(page, row, "delete-user");
        await browser.ConfirmAsync("Delete");
        await Expect(row).ToHaveCountAsync(0);
        Assert.Null(await FindUserAsync(email));
        // Each change is audited with the owner as actor, as the admin API's are; the refused one is not.
        await Services.GetRequiredService<AuditLog>().FlushAsync(default);
        Assert.Equal([AuditActions.UserUpdated, AuditActions.PasswordReset, AuditActions.UserUpdated, AuditActions.UserDeleted],
            await AuditActionsAsync($"user:{userId:D}", ownerId.ToString("D")));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Teams_CreateAddAMember_SeeTheCount_ThenRemoveAndDelete()
    {
        var name = "Research " + Guid.NewGuid().ToString("N")[..6];
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/teams");

        await page.GetByTestId("new-team").ClickAsync();
        await page.GetByTestId("prompt-text").FillAsync(name);
        await page.GetByTestId("prompt-ok").ClickAsync();
        var row = page.Locator("[data-testid=team-row]").Filter(new() { Has = page.GetByText(name, new() { Exact = true }) });
        await Expect(row.GetByTestId("member-count")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("team-members")).ToContainTextAsync(name);

        await page.GetByTestId("member-picker").SelectOptionAsync(new SelectOptionValue { Label = WebServer.Member.Email });
        await page.GetByTestId("add-member").ClickAsync();
        await Expect(page.Locator($"[data-testid=member-row][data-email='{WebServer.Member.Email}']")).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("member-count")).ToHaveTextAsync("1");
        await browser.ScreenshotAsync("admin-team-members");

        // The membership is the control plane's: the member's principal (their knowledge-base groups) has the team at once.
        var teamId = await TeamIdAsync(name);
        var member = await UserAsync(WebServer.Member.Email);
        Assert.Contains(teamId, (await Services.GetRequiredService<IdentityDirectory>().UserPrincipalAsync(member.Id, default))!.TeamIds);

        await page.GetByTestId("remove-member").ClickAsync();
        await Expect(page.GetByTestId("member-row")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("member-count")).ToHaveTextAsync("0");
        Assert.DoesNotContain(teamId, (await Services.GetRequiredService<IdentityDirectory>().UserPrincipalAsync(member.Id, default))!.TeamIds);

        await row.GetByTestId("team-menu").ClickAsync();
        await page.GetByTestId("delete-team").ClickAsync();
        await browser.ConfirmAsync("Delete");
        await Expect(row).ToHaveCountAsync(0);
        await using var db = await ContextAsync();
        Assert.False(await db.Teams.AnyAsync(t => t.Id == teamId));
        Assert.Empty(browser.Errors);
    }

    private static async Task UserActionAsync(IPage page, ILocator row, string action)
    {
        await row.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId(action).ClickAsync();
    }

    private async Task CreateUserAsync(string email, UserRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await ContextAsync();
        var tenant = await db.Tenants.SingleAsync(t => t.Slug == "acme");
        await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(tenant.Id, new NewUser(email, "first-password-1", role), AuditActor.System, default);
        await Services.GetRequiredService<IdentityDirectory>().RefreshAsync(default);
    }

    private async Task<LoginOutcome> LoginOutcomeAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>().LoginAsync(new LoginAttempt(null, email, password), default);
        return result.Outcome;
    }

    private async Task<User> UserAsync(string email) => await FindUserAsync(email) ?? throw new InvalidOperationException(email + " does not exist");

    private async Task<User?> FindUserAsync(string email)
    {
        await using var db = await ContextAsync();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
    }

    private async Task<Guid> TeamIdAsync(string name)
    {
        await using var db = await ContextAsync();
        return await db.Teams.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }

    private async Task<List<string>> AuditActionsAsync(string target, string actorUserId)
    {
        await using var db = await ContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Target == target && e.ActorKind == AuditActorKind.User && e.ActorId == actorUserId)
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    private Task<ControlPlaneDbContext> ContextAsync() => Services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContextAsync();
}
