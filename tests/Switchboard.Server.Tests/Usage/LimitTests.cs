using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Clients;
using Switchboard.Gateway.Routing;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// Rate limits on a real server (in-process limiter): requests/min, tokens/min and concurrent requests per key, team
/// and tenant, checked before routing; refusals are 429s in OpenAI's shape naming the limit, with <c>Retry-After</c>.
/// </summary>
public sealed class LimitTests : IAsyncLifetime
{
    private UsageHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await UsageHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task KeyRequestsPerMinute_FromTheKey_Refuses429NamingTheLimit()
    {
        using var client = _harness.Client(UsageHarness.Caller("rpm") with { RequestsPerMinute = 2 });
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        var upstreamCalls = _harness.Stub.Requests.Count;

        using var refused = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("key:requests_per_minute", Assert.Single(refused.Headers.GetValues("x-switchboard-limit")));
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        var error = await ErrorAsync(refused);
        Assert.Equal(("rate_limit_error", "rate_limit_exceeded"), (error["type"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        Assert.StartsWith("Rate limit reached: key 'rpm-name' allows 2 requests per minute. Retry in ", error["message"]!.GetValue<string>());
        Assert.Equal(upstreamCalls, _harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task StoredKeyLimits_FillInWhatTheKeyLeavesUnset()
    {
        await _harness.SetLimitsAsync(UsageScope.Key, "stored", rpm: 1, tpm: 1_000_000);
        using var client = _harness.Client(UsageHarness.Caller("stored") with { TokensPerMinute = 1 });
        // The key's own tokens/min (1) wins over the stored one: even the first request is too large.
        using var tooLarge = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 5));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooLarge.StatusCode);
        Assert.False(tooLarge.Headers.Contains("Retry-After"));
        Assert.Contains("more than the 1 tokens per minute key 'stored-name' allows", (await ErrorAsync(tooLarge))["message"]!.GetValue<string>());

        using var storedRpm = _harness.Client(UsageHarness.Caller("stored"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(storedRpm));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(storedRpm));
    }

    [Fact]
    public async Task TeamTokensPerMinute_ReservesPromptPlusMaxTokens_AndCountsActualUsageAfterwards()
    {
        var team = Guid.NewGuid().ToString();
        // Each request reserves 20 (prompt estimate) + 150 tokens and then uses 18 (11 + 7).
        await _harness.SetLimitsAsync(UsageScope.Team, team, tpm: 210);
        using var a = _harness.Client(UsageHarness.Caller("tpm-a", team: team));
        using var b = _harness.Client(UsageHarness.Caller("tpm-b", team: team));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, maxTokens: 150));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, maxTokens: 150));

        using var refused = await a.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 180));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("team:tokens_per_minute", Assert.Single(refused.Headers.GetValues("x-switchboard-limit")));
        Assert.Contains($"team '{team}' allows 210 tokens per minute and this request needs about 200", (await ErrorAsync(refused))["message"]!.GetValue<string>());
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task TenantConcurrentRequests_RefusedWhileTheSlotIsTaken_FreeOnceItEnds()
    {
        var tenant = await _harness.CreateTenantAsync("busy");
        var tenantId = tenant.Id.ToString();
        await _harness.SetLimitsAsync(UsageScope.Tenant, tenantId, concurrent: 1, tenantId: tenantId);
        await _harness.RefreshAsync();
        using var first = _harness.Client(UsageHarness.Caller("busy-1", tenantId));
        using var second = _harness.Client(UsageHarness.Caller("busy-2", tenantId));
        var slow = first.PostAsync("v1/chat/completions", UsageHarness.Chat("priced-slow"));
        await WaitUntilAsync(() => _harness.Stub.Requests.Any(r => r.Model == "delay-1500"));

        using (var refused = await second.PostAsync("v1/chat/completions", UsageHarness.Chat("priced")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("tenant:concurrent_requests", Assert.Single(refused.Headers.GetValues("x-switchboard-limit")));
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
            Assert.Equal("Too many requests in progress: tenant 'busy' allows 1 at a time. Retry when one of them finishes.",
                (await ErrorAsync(refused))["message"]!.GetValue<string>());
        }

        using (var done = await slow)
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second));
    }

    [Fact]
    public async Task RefusedRequests_AreInTheLedger_WithTheirErrorType()
    {
        using var client = _harness.Client(UsageHarness.Caller("ledger", user: "u1") with { RequestsPerMinute = 1 });
        await StatusAsync(client);
        await StatusAsync(client);
        // Rows of the same millisecond have no order: look them up by status.
        var rows = (await _harness.LedgerAsync()).OrderBy(r => r.Status).ToList();
        Assert.Equal([(200, (string?)null), (429, "rate_limited")], rows.Select(r => (r.Status, r.ErrorType)));
        Assert.Null(rows[1].Deployment);
        Assert.Equal(0L, rows[1].CostNanos);
    }

    [Fact]
    public async Task InProcessCalls_AreLimitedByTokensAndRecordedAsInternal()
    {
        var caller = UsageHarness.Caller("internal", user: "kb-user") with { RequestsPerMinute = 1, TokensPerMinute = 100 };
        var client = _harness.Services.GetRequiredService<InProcessModelClient>();
        var request = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }), ["max_tokens"] = 30 };
        // Not requests of their own: two calls pass a requests/min limit of 1.
        await client.SendAsync(caller, "priced", UpstreamOperation.ChatCompletions, (JsonObject)request.DeepClone(), default);
        await client.SendAsync(caller, "priced", UpstreamOperation.ChatCompletions, (JsonObject)request.DeepClone(), default);
        var tooMany = await Assert.ThrowsAsync<ModelCallException>(() =>
            client.SendAsync(caller, "priced", UpstreamOperation.ChatCompletions, new JsonObject
            {
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
                ["max_tokens"] = 90,
            }, default));
        Assert.Equal(429, tooMany.Status);

        var rows = await _harness.LedgerAsync();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(("internal", "kb-user", "internal"), (r.Source, r.UserId, r.KeyId)));
        Assert.Equal([200, 200, 429], rows.Select(r => r.Status).Order());
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, int? maxTokens = null)
    {
        using var response = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens));
        return response.StatusCode;
    }

    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
