using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// Budgets on a real server (in-process store, SQLite): reservation before the call, settlement after it with what it
/// really cost — for answers, streams, cancelled streams and upstream failures — soft-limit warnings, hard-limit 429s
/// and day and month windows.
/// </summary>
public sealed class BudgetTests : IAsyncLifetime
{
    private UsageHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await UsageHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Answer_ReservesTheEstimateWhileInProgress_ThenSettlesTheActualCost()
    {
        var rule = await _harness.SetBudgetAsync(UsageScope.Key, "sync", BudgetPeriod.Day, 10m);
        using var client = _harness.Client(UsageHarness.Caller("sync"));
        var pending = client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced-slow", maxTokens: 100));

        var during = await _harness.WaitForBudgetAsync(rule, s => s.Reserved > 0);
        Assert.Equal((0m, UsageHarness.Estimate(100)), during);

        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((UsageHarness.AnswerCost, 0m), await _harness.WaitForBudgetAsync(rule, s => s.Reserved == 0));
        var row = Assert.Single(await _harness.LedgerAsync(atLeast: 1));
        Assert.Equal(23_500_000L, row.CostNanos);
        Assert.False(row.UsageEstimated);
    }

    [Fact]
    public async Task Stream_IsSettledWithTheUsageOfItsLastChunk()
    {
        var rule = await _harness.SetBudgetAsync(UsageScope.Key, "stream", BudgetPeriod.Day, 10m);
        using var client = _harness.Client(UsageHarness.Caller("stream"));
        using var response = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 100, stream: true));
        Assert.Contains("[DONE]", await response.Content.ReadAsStringAsync());

        Assert.Equal((UsageHarness.StreamCost, 0m), await _harness.WaitForBudgetAsync(rule, s => s.Reserved == 0));
        var row = Assert.Single(await _harness.LedgerAsync(atLeast: 1));
        Assert.Equal((11, 5, false), (row.InputTokens, row.OutputTokens, row.UsageEstimated));
    }

    [Fact]
    public async Task StreamCancelledByTheClient_IsSettledWithAnEstimateOfWhatWasSent()
    {
        var rule = await _harness.SetBudgetAsync(UsageScope.Key, "cancel", BudgetPeriod.Day, 10m);
        using var client = _harness.Client(UsageHarness.Caller("cancel"));
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = UsageHarness.Chat("priced-stream-slow", 100, stream: true) })
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: ", await reader.ReadLineAsync());
        }

        var (spent, reserved) = await _harness.WaitForBudgetAsync(rule, s => s.Reserved == 0);
        Assert.Equal(0m, reserved);
        var row = Assert.Single(await _harness.LedgerAsync(atLeast: 1));
        Assert.Equal((499, "client_cancelled", true), (row.Status, row.ErrorType, row.UsageEstimated));
        Assert.Equal(UsageHarness.PromptEstimate, row.InputTokens);
        Assert.InRange(row.OutputTokens!.Value, 1, 12);
        var expected = ((UsageHarness.PromptEstimate * 1000m) + (row.OutputTokens.Value * 2000m)) / 1_000_000m;
        Assert.Equal(expected, spent);
        Assert.True(spent < UsageHarness.Estimate(100));
    }

    [Fact]
    public async Task UpstreamFailure_ReleasesTheReservation()
    {
        var rule = await _harness.SetBudgetAsync(UsageScope.Key, "failure", BudgetPeriod.Day, 10m);
        using var client = _harness.Client(UsageHarness.Caller("failure"));
        using var response = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced-500", maxTokens: 100));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);

        Assert.Equal((0m, 0m), await _harness.WaitForBudgetAsync(rule, s => s.Reserved == 0));
        var row = Assert.Single(await _harness.LedgerAsync(atLeast: 1));
        Assert.Equal((500, 0L), (row.Status, row.CostNanos));
    }

    [Fact]
    public async Task SoftLimit_AddsAWarningHeaderToEveryResponse_AndLogsOncePerWindow()
    {
        await _harness.SetBudgetAsync(UsageScope.Key, "soft", BudgetPeriod.Day, 10m, soft: 0.05m);
        using var client = _harness.Client(UsageHarness.Caller("soft"));
        using (var first = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10)))
        {
            Assert.False(first.Headers.Contains(RequestAdmission.BudgetWarningHeader));
        }

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var warning = Assert.Single(response.Headers.GetValues(RequestAdmission.BudgetWarningHeader));
            Assert.StartsWith("key 'soft-name' daily budget: ", warning);
            Assert.EndsWith("of 10.00 USD used (soft limit 0.05)", warning);
        }

        Assert.Single(_harness.Server.Logs.Entries, e => e.Message.Contains("reached its soft limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HardLimit_Refuses429_SayingWhichBudget_SpentLimitAndWhenItResets()
    {
        await _harness.SetBudgetAsync(UsageScope.Key, "hard", BudgetPeriod.Day, 0.1m);
        using var client = _harness.Client(UsageHarness.Caller("hard"));
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("key:daily_budget", Assert.Single(refused.Headers.GetValues("x-switchboard-limit")));
        var now = DateTimeOffset.UtcNow;
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, (midnight - now).TotalSeconds + 5);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("insufficient_quota", "budget_exceeded"), (error["type"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        Assert.Equal(
            $"Budget exceeded: the key 'hard-name' daily budget is 0.10 USD; 0.0705 is spent, and this request may cost up to {UsageHarness.Estimate(10):0.00####}. " +
            $"It resets at {midnight:yyyy-MM-dd}T00:00:00Z.",
            error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantBudget_IsInTheTenantsCurrency_AndChargesItsKeysAndTeams()
    {
        var tenant = await _harness.CreateTenantAsync("rubles", "RUB");
        var team = await _harness.CreateTeamAsync(tenant.Id, "ops");
        var tenantId = tenant.Id.ToString();
        var rule = await _harness.SetBudgetAsync(UsageScope.Tenant, tenantId, BudgetPeriod.Month, 1000m, currency: "RUB", tenantId: tenantId);
        // Made-up callers carry their tenant's currency as real keys do (from the identity snapshot).
        using var a = _harness.Client(UsageHarness.Caller("rub-a", tenantId, team.Id.ToString()) with { Currency = tenant.Currency });
        using var b = _harness.Client(UsageHarness.Caller("rub-b", tenantId) with { Currency = tenant.Currency });
        using (await a.PostAsync("v1/chat/completions", UsageHarness.Chat("rub", maxTokens: 10)))
        using (await b.PostAsync("v1/chat/completions", UsageHarness.Chat("rub", maxTokens: 10)))
        {
        }

        // 11 + 7 tokens at 100 RUB per million each, twice.
        Assert.Equal((0.0036m, 0m), await _harness.WaitForBudgetAsync(rule, s => s.Reserved == 0, tenantId));
        var rows = await _harness.LedgerAsync();
        Assert.All(rows, r => Assert.Equal(("RUB", 1_800_000L, tenantId), (r.Currency, r.CostNanos, r.TenantId)));
    }

    [Fact]
    public async Task NewTenantsKey_IsCostedInTheTenantsCurrency_FromItsFirstRequest()
    {
        // No budget or limit is stored, so nothing reloads the usage policy: the currency comes with the key.
        var tenant = await _harness.CreateTenantAsync("fresh-rubles", "RUB");
        var (client, _) = await _harness.UserKeyAsync(tenant.Id, Switchboard.Server.ControlPlane.Accounts.UserRole.Member);
        using (client)
        using (var response = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("rub", maxTokens: 10)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var row = Assert.Single(await _harness.LedgerAsync(atLeast: 1));
        Assert.Equal(("RUB", 1_800_000L, tenant.Id.ToString()), (row.Currency, row.CostNanos, row.TenantId));
    }

    [Fact]
    public async Task AdminKeyWithoutBudgets_IsNeitherLimitedNorCharged()
    {
        using var response = await _harness.Server.Http.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await _harness.LedgerAsync(atLeast: 1));
        Assert.Equal(("admin", 23_500_000L, "USD"), (row.KeyId, row.CostNanos, row.Currency));
    }
}
