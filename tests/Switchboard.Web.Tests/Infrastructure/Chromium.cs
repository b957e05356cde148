using Microsoft.Playwright;

namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/>: nothing is
/// downloaded or installed here. <c>./switchboard.sh test</c> installs the package when it is missing (ensure_chromium).
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The browser: <c>SWITCHBOARD_CHROMIUM</c> if set, else Debian's.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SWITCHBOARD_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public static BrowserTypeLaunchOptions LaunchOptions()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ExecutablePath}. Run the tests through ./switchboard.sh test (it installs Debian's 'chromium'), "
                + "or install it yourself: apt-get install -y chromium. The tests never download a browser.");
        }

        return new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            ChromiumSandbox = false,
            // Playwright gives every context a fresh profile directory (the --user-data-dir of docs/web.md).
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
            Timeout = 60_000,
        };
    }
}
