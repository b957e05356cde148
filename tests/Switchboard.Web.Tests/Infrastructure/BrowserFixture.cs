using Microsoft.Playwright;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Oidc;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Web;

namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>
/// One stub upstream, one Switchboard server and one headless Chromium for the browser tests (run one at a time: the
/// machine has two cores). Each test gets its own browser context, so cookies and storage never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public WebStub Stub { get; private set; } = null!;

    public WebServer Server { get; private set; } = null!;

    /// <summary>The identity provider the server's single sign-on is configured with.</summary>
    public OidcProviderStub Oidc { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var launch = Chromium.LaunchOptions();
        // Waits, not timings: generous, because the machine may be busy with other builds.
        Assertions.SetDefaultExpectTimeout(30_000);
        Stub = await WebStub.StartAsync();
        Oidc = await OidcProviderStub.StartAsync();
        Server = await WebServer.StartAsync(WebServer.Config(Stub), services =>
        {
            services.Configure<ControlPlaneOptions>(o => o.Oidc = new OidcOptions
            {
                Issuer = Oidc.Issuer,
                ClientId = OidcProviderStub.ClientId,
                ClientSecret = OidcProviderStub.ClientSecret,
                Tenant = "acme",
                DefaultRole = UserRole.Member,
            });
            services.Configure<WebUiOptions>(o => o.OidcEnabled = true);
        });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(launch);
    }

    /// <summary>A fresh context (English unless <paramref name="locale"/> says otherwise) and a page in it, watched for script errors and dialogs.</summary>
    public async Task<BrowserPage> NewPageAsync(string locale = "en-US", ViewportSize? viewport = null, WebServer? server = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (server ?? Server).BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 860 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await BrowserPage.CreateAsync(context);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Server.DisposeAsync();
        await Oidc.DisposeAsync();
        await Stub.DisposeAsync();
    }
}

