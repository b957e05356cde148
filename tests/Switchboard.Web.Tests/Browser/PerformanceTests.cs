using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Switchboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.Web.Tests.Browser;

/// <summary>
/// Measures in the browser what docs/benchmarks.md reports: the bytes a cold first load of the chat page transfers
/// (fonts excluded), and how responsive the page stays while a 2,000-token answer streams. Figures go to the test output
/// and <c>artifacts/perf/</c>; only their existence is asserted, never their size or speed.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PerformanceTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task ChatPage_FirstLoad_TransferredBytes_AreMeasured()
    {
        BrowserContextCookiesResult session;
        await using (var login = await fixture.NewPageAsync())
        {
            await login.LoginAsync(WebServer.Member);
            session = (await login.Context.CookiesAsync()).Single(c => c.Name == "sb_session");
        }

        // A new context: empty cache, only the session cookie — the first visit of a logged-in user.
        await using var browser = await fixture.NewPageAsync();
        await browser.Context.AddCookiesAsync([new Cookie { Name = session.Name, Value = session.Value, Domain = session.Domain, Path = session.Path }]);
        var socketBytes = 0L;
        browser.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            Interlocked.Add(ref socketBytes, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        await browser.Page.GotoAsync("/");
        await browser.WaitForAppAsync();
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var entries = await browser.Page.EvaluateAsync<JsonElement>("""
            () => {
              const pick = e => ({ name: new URL(e.name).pathname, type: e.initiatorType || 'navigation', transfer: e.transferSize,
                                   encoded: e.encodedBodySize, decoded: e.decodedBodySize });
              return [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')].map(pick);
            }
            """);
        var all = entries.EnumerateArray().Select(e => new
        {
            Name = e.GetProperty("name").GetString()!,
            Type = e.GetProperty("type").GetString()!,
            Transfer = e.GetProperty("transfer").GetInt64(),
            Encoded = e.GetProperty("encoded").GetInt64(),
            Decoded = e.GetProperty("decoded").GetInt64(),
        }).ToList();
        var fonts = all.Where(e => e.Type == "font" || System.Text.RegularExpressions.Regex.IsMatch(e.Name, @"\.(woff2?|ttf|otf|eot)$")).ToList();
        var counted = all.Except(fonts).ToList();
        var result = new JsonObject
        {
            ["transferredBytes"] = counted.Sum(e => e.Transfer),
            ["decodedBytes"] = counted.Sum(e => e.Decoded),
            ["requests"] = counted.Count,
            ["fontBytesExcluded"] = fonts.Sum(e => e.Transfer),
            ["webSocketBytesUntilIdle"] = Interlocked.Read(ref socketBytes),
            ["resources"] = new JsonArray([.. counted.Select(e => (JsonNode)new JsonObject
            {
                ["path"] = e.Name, ["type"] = e.Type, ["transferred"] = e.Transfer, ["encoded"] = e.Encoded, ["decoded"] = e.Decoded,
            })]),
        };
        Report("first-load", result);

        Assert.Contains(counted, e => e.Name.Contains("blazor.web", StringComparison.Ordinal) && e.Transfer > 0);
        Assert.True(counted.Sum(e => e.Transfer) > 0);
    }

    [Fact]
    public async Task Streaming2000Tokens_PageResponsiveness_IsMeasured()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.LoginAsync(WebServer.Member);
        await ChatTests.SelectModelAsync(page, "long");
        var idle = await ClickLatenciesAsync(page, 5, whileStreaming: false);

        await page.EvaluateAsync("""
            () => {
              const perf = window.__perf = { longTasks: [], lags: [], mutations: 0 };
              new PerformanceObserver(list => { for (const e of list.getEntries()) perf.longTasks.push(e.duration); }).observe({ type: 'longtask' });
              let last = performance.now();
              perf.timer = setInterval(() => { const now = performance.now(); perf.lags.push(Math.max(0, now - last - 50)); last = now; }, 50);
              new MutationObserver(() => perf.mutations++).observe(document.querySelector('[data-testid=thread]'),
                { subtree: true, childList: true, characterData: true });
            }
            """);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByTestId("composer").FillAsync("Write two thousand tokens");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.Locator("[data-testid=assistant-message][data-streaming=true]")).ToHaveCountAsync(1);
        var streaming = await ClickLatenciesAsync(page, 1000, whileStreaming: true);
        await Expect(page.Locator("[data-testid=assistant-message][data-streaming=false]")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        var seconds = clock.Elapsed.TotalSeconds;
        var perf = await page.EvaluateAsync<JsonElement>("() => { clearInterval(window.__perf.timer); const p = window.__perf; return { longTasks: p.longTasks, lags: p.lags, mutations: p.mutations }; }");
        var longTasks = perf.GetProperty("longTasks").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var lags = perf.GetProperty("lags").EnumerateArray().Select(e => e.GetDouble()).OrderBy(v => v).ToList();
        var answerLength = await page.Locator("[data-testid=assistant-message]").Last.GetByTestId("answer-text").EvaluateAsync<int>("e => e.textContent.length");

        var result = new JsonObject
        {
            ["tokens"] = 2000,
            ["answerCharacters"] = answerLength,
            ["streamSeconds"] = Math.Round(seconds, 2),
            ["domMutationBatches"] = perf.GetProperty("mutations").GetInt32(),
            ["longTasks"] = longTasks.Count,
            ["longTaskMaxMs"] = longTasks.Count == 0 ? 0 : Math.Round(longTasks.Max(), 1),
            ["longTaskTotalMs"] = Math.Round(longTasks.Sum(), 1),
            ["timerLagP50Ms"] = Percentile(lags, 0.5),
            ["timerLagP95Ms"] = Percentile(lags, 0.95),
            ["timerLagMaxMs"] = lags.Count == 0 ? 0 : Math.Round(lags[^1], 1),
            ["clickToUpdateWhileStreaming"] = Summary(streaming),
            ["clickToUpdateIdle"] = Summary(idle),
        };
        Report("streaming-2000-tokens", result);
        await browser.ScreenshotAsync("chat-2000-tokens");

        Assert.True(lags.Count > 0);
        Assert.NotEmpty(streaming);
        Assert.Empty(browser.Errors);
    }

    /// <summary>
    /// Clicks the menu button (a round trip through the circuit: the drawer opens or closes) and times until the page
    /// shows it; repeats up to <paramref name="count"/> times, while the answer streams when <paramref name="whileStreaming"/>.
    /// </summary>
    private static async Task<List<double>> ClickLatenciesAsync(IPage page, int count, bool whileStreaming)
    {
        var latencies = new List<double>();
        for (var i = 0; i < count; i++)
        {
            if (whileStreaming && await page.Locator("[data-testid=assistant-message][data-streaming=true]").CountAsync() == 0)
            {
                break;
            }

            var ms = await page.EvaluateAsync<double>("""
                async () => {
                  const drawer = document.querySelector('.mud-drawer');
                  const before = drawer.className;
                  const start = performance.now();
                  const changed = new Promise(resolve => {
                    const observer = new MutationObserver(() => { if (drawer.className !== before) { observer.disconnect(); resolve(performance.now() - start); } });
                    observer.observe(drawer, { attributes: true, attributeFilter: ['class'] });
                    setTimeout(() => { observer.disconnect(); resolve(-1); }, 5000);
                  });
                  document.querySelector('[data-testid=menu]').click();
                  return await changed;
                }
                """);
            if (ms >= 0)
            {
                latencies.Add(ms);
            }

            await Task.Delay(100);
        }

        return latencies;
    }

    private static JsonObject Summary(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return new JsonObject
        {
            ["samples"] = sorted.Count,
            ["p50Ms"] = Percentile(sorted, 0.5),
            ["p95Ms"] = Percentile(sorted, 0.95),
            ["maxMs"] = sorted.Count == 0 ? 0 : Math.Round(sorted[^1], 1),
        };
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 1);

    private void Report(string name, JsonObject result)
    {
        result["measuredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        result["processors"] = Environment.ProcessorCount;
        var text = result.ToJsonString(Indented);
        output.WriteLine(name + ": " + text);
        Directory.CreateDirectory(Path.GetDirectoryName(Artifacts.File("perf/x"))!);
        File.WriteAllText(Artifacts.File($"perf/{name}.json"), text);
    }
}
