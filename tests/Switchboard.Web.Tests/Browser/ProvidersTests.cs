using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Switchboard.Server.ControlPlane.Admin.Providers;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.Providers;
using Switchboard.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

/// <summary>
/// The providers and aliases page: changes go through the admin API's own path — applied at once without a restart,
/// audited — and a change the config validator refuses shows its message with the file untouched. Own server, because
/// these tests change its config.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ProvidersTests(BrowserFixture fixture) : IAsyncLifetime
{
    private WebServer _server = null!;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync(WebServer.Config(fixture.Stub));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NewAliasAndDeployment_AreServedAtOnce_AndAudited()
    {
        await using var browser = await fixture.NewPageAsync(server: _server);
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/providers");
        await Expect(page.Locator("[data-testid=provider-row][data-name='stub'] [data-testid=api-key]")).ToHaveTextAsync("***");
        await Expect(page.Locator("[data-testid=alias][data-alias='chat'] [data-testid=deployment-row]")).ToHaveAttributeAsync("data-health", "healthy");
        var key = await _server.CreateKeyAsync(WebServer.Owner.Email, "providers");
        Assert.DoesNotContain("\"fresh\"", await ModelsAsync(key), StringComparison.Ordinal);

        await page.GetByTestId("new-alias").ClickAsync();
        await page.GetByTestId("alias-name").FillAsync("fresh");
        await page.GetByTestId("alias-model").FillAsync("echo");
        await page.GetByTestId("alias-save").ClickAsync();
        var fresh = page.Locator("[data-testid=alias][data-alias='fresh']");
        await Expect(fresh.GetByTestId("deployment-row")).ToHaveCountAsync(1);
        Assert.Contains("\"fresh\"", await ModelsAsync(key), StringComparison.Ordinal);
        using (var answer = await _server.ChatAsync(key, "fresh"))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        await fresh.GetByTestId("add-deployment").ClickAsync();
        await page.GetByTestId("deployment-model").FillAsync("tokens-20");
        await page.GetByTestId("deployment-save").ClickAsync();
        await Expect(fresh.GetByTestId("deployment-row")).ToHaveCountAsync(2);
        await Expect(fresh.Locator("[data-testid=deployment-row][data-deployment='stub/tokens-20']")).ToHaveAttributeAsync("data-health", "healthy");
        Assert.Contains("tokens-20", await File.ReadAllTextAsync(ConfigPath), StringComparison.Ordinal);
        await browser.ScreenshotAsync("admin-providers");

        await fresh.Locator("[data-testid=deployment-row][data-deployment='stub/echo'] [data-testid=remove-deployment]").ClickAsync();
        await browser.ConfirmAsync("Remove");
        await Expect(fresh.GetByTestId("deployment-row")).ToHaveCountAsync(1);
        await Expect(fresh.GetByTestId("deployment-row")).ToHaveAttributeAsync("data-deployment", "stub/tokens-20");

        await _server.App.Services.GetRequiredService<AuditLog>().FlushAsync(CancellationToken.None);
        var audit = await AuditAsync(key);
        Assert.Contains(audit, e => Change(e) == "alias.created" && e["target"]!.GetValue<string>() == "config:fresh");
        Assert.Contains(audit, e => Change(e) == "deployment.added");
        Assert.Contains(audit, e => Change(e) == "deployment.removed");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task RefusedChanges_ShowTheValidatorsMessage_AndLeaveTheFileAlone()
    {
        await using var browser = await fixture.NewPageAsync(server: _server);
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Owner, "/admin/providers");
        var before = await File.ReadAllBytesAsync(ConfigPath);

        await page.GetByTestId("new-provider").ClickAsync();
        await page.GetByTestId("provider-name").FillAsync("broken");
        await page.GetByTestId("provider-base-url").FillAsync("ftp://models.example");
        await page.GetByTestId("provider-save").ClickAsync();
        await Expect(page.Locator(".mud-dialog [data-testid=config-problem]")).ToContainTextAsync("baseUrl must be an absolute http or https URL");
        await browser.ScreenshotAsync("admin-providers-refused");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(before, await File.ReadAllBytesAsync(ConfigPath));
        await Expect(page.Locator("[data-testid=provider-row][data-name='broken']")).ToHaveCountAsync(0);

        // Every alias still uses "stub": deleting it would leave them without a provider.
        await page.Locator("[data-testid=provider-row][data-name='stub'] [data-testid=delete-provider]").ClickAsync();
        await browser.ConfirmAsync("Delete");
        await Expect(page.Locator("[data-testid=config-problem]").First).ToContainTextAsync("stub");
        Assert.Equal(before, await File.ReadAllBytesAsync(ConfigPath));
        await Expect(page.Locator("[data-testid=provider-row][data-name='stub']")).ToHaveCountAsync(1);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Page_IsClosedToMembers()
    {
        await using var browser = await fixture.NewPageAsync(server: _server);
        await browser.LoginAsync(WebServer.Member, "/admin/providers");
        await Expect(browser.Page.GetByTestId("forbidden")).ToBeVisibleAsync();
        await Expect(browser.Page.GetByTestId("providers")).ToHaveCountAsync(0);
        await Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "Providers and models" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Service_RefusesMembers_AndWritesNothing()
    {
        var before = await File.ReadAllBytesAsync(ConfigPath);
        await using var member = await _server.SessionScopeAsync(WebServer.Member);
        var providers = member.ServiceProvider.GetRequiredService<ProviderAdminService>();

        await Assert.ThrowsAsync<WebForbiddenException>(() => providers.ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => providers.SaveProviderAsync(new ProviderForm("rogue", "openai", "https://rogue.example/v1", null, false),
            create: true, CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => providers.DeleteAliasAsync("chat", CancellationToken.None));
        await Assert.ThrowsAsync<WebForbiddenException>(() => providers.AddDeploymentAsync("chat", "stub", "other", CancellationToken.None));
        Assert.Equal(before, await File.ReadAllBytesAsync(ConfigPath));
    }

    private string ConfigPath => _server.App.Services.GetRequiredService<ConfigFileEditor>().Path;

    private async Task<string> ModelsAsync(string key)
    {
        using var http = _server.Client(key);
        return await http.GetStringAsync("v1/models");
    }

    private async Task<List<JsonObject>> AuditAsync(string key)
    {
        using var http = _server.Client(key);
        var page = (await http.GetFromJsonAsync<JsonObject>($"api/v1/admin/audit?action={AuditActions.ConfigChanged}"))!;
        return [.. page["entries"]!.AsArray().Select(e => e!.AsObject())];
    }

    private static string Change(JsonObject entry) => entry["details"]!["change"]!.GetValue<string>();
}
