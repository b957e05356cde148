using System.Net;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;

namespace Switchboard.Server.Tests.Usage;

/// <summary>Budget windows on a fake clock: a daily budget starts afresh at UTC midnight, a monthly one on the 1st.</summary>
public sealed class BudgetWindowTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 31, 23, 58, 0, TimeSpan.Zero));
    private UsageHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await UsageHarness.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task DailyAndMonthlyBudgets_ResetAtTheirWindowEnds()
    {
        await _harness.SetBudgetAsync(UsageScope.Key, "daily", BudgetPeriod.Day, 0.05m);
        await _harness.SetBudgetAsync(UsageScope.Key, "monthly", BudgetPeriod.Month, 0.05m);
        using var daily = _harness.Client(UsageHarness.Caller("daily"));
        using var monthly = _harness.Client(UsageHarness.Caller("monthly"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(daily));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(monthly));
        using (var refused = await daily.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("resets at 2030-02-01T00:00:00Z", await refused.Content.ReadAsStringAsync());
            Assert.Equal(TimeSpan.FromMinutes(2), refused.Headers.RetryAfter!.Delta);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(monthly));

        _clock.Advance(TimeSpan.FromMinutes(3)); // 2030-02-01 00:01: a new day and a new month
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(daily));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(monthly));

        _clock.Advance(TimeSpan.FromDays(1)); // 2030-02-02: a new day, the same month
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(daily));
        using var stillRefused = await monthly.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10));
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Contains("monthly budget", await stillRefused.Content.ReadAsStringAsync());
        Assert.Contains("resets at 2030-03-01T00:00:00Z", await stillRefused.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10));
        return response.StatusCode;
    }
}
