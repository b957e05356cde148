using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;
using Switchboard.Server.Usage.Ledger;

namespace Switchboard.Server.Tests.Usage;

public abstract partial class UsageStoreConformanceTests
{
    [Fact]
    public async Task Migrations_CoverTheModel()
    {
        await StartServerAsync();
        await using var db = OpenStore();
        Assert.False(db.Database.HasPendingModelChanges(), "the usage model changed without a migration (docs/adr/009-usage-storage.md)");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task EveryRequest_GetsALedgerRow_WithAllItsFields()
    {
        var server = await StartServerAsync();
        var tenant = await server.CreateTenantAsync("fields");
        var team = await server.CreateTeamAsync(tenant.Id, "research");
        await server.RefreshAsync();
        var caller = UsageHarness.Caller("key-fields", tenant.Id.ToString(), team.Id.ToString(), "user-1");
        using var client = server.Client(caller);
        using var answer = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10));
        using var stream = await client.PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens: 10, stream: true));
        await stream.Content.ReadAsStringAsync();

        var rows = await server.LedgerAsync();
        Assert.Equal(2, rows.Count);
        var first = rows.Single(r => !r.Stream);
        Assert.Equal(answer.Headers.GetValues("x-request-id").Single(), first.RequestId);
        Assert.Equal((tenant.Id.ToString(), team.Id.ToString(), "user-1", "key-fields"), (first.TenantId, first.TeamId, first.UserId, first.KeyId));
        Assert.Equal(("chat", "priced", "stub/upstream-model", "stub", false), (first.Operation, first.Alias, first.Deployment, first.Provider, first.Stream));
        Assert.Equal((200, (string?)null, "api"), (first.Status, first.ErrorType, first.Source));
        Assert.Equal((11, 7, 3, 2), (first.InputTokens, first.OutputTokens, first.CachedTokens, first.ReasoningTokens));
        Assert.Equal((23_500_000L, "USD", false), (first.CostNanos, first.Currency, first.UsageEstimated));
        Assert.True(first.LatencyMs > 0);
        Assert.Null(first.TtftMs);
        Assert.InRange(first.OccurredAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(first.OccurredAt.ToUnixTimeSeconds() / 3600, first.Hour);

        var second = rows.Single(r => r.Stream);
        Assert.Equal((true, 11, 5, 21_000_000L), (second.Stream, second.InputTokens, second.OutputTokens, second.CostNanos));
        Assert.NotNull(second.TtftMs);
        Assert.InRange(second.TtftMs!.Value, 0, second.LatencyMs);
    }

    [Fact]
    public async Task SlowDatabase_DoesNotHoldRequestsUp_AndLosesNoRow()
    {
        var server = await StartServerAsync();
        using var client = server.Client(UsageHarness.Caller("slow-db"));
        Saves.Close();
        // Every request completes while the database holds the ledger's writes.
        await SendAsync(client, 20);
        Assert.Equal(0, await CountAsync(await server.UsageDbAsync()));

        Saves.Open();
        var rows = await server.LedgerAsync();
        Assert.Equal(20, rows.Count);
        Assert.Equal(20, rows.Select(r => r.RequestId).Distinct().Count());
    }

    [Fact]
    public async Task FailingDatabase_RowsAreRetriedUntilStored()
    {
        var server = await StartServerAsync();
        using var client = server.Client(UsageHarness.Caller("failing-db"));
        Saves.FailNext(3);
        await SendAsync(client, 5);
        Assert.Equal(5, (await server.LedgerAsync()).Count);
        Assert.NotNull(await server.Server.Logs.WaitForAsync(e => e.Message.Contains("Could not store", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AWriteThatFailsAfterCommitting_IsNotStoredTwice()
    {
        var server = await StartServerAsync();
        using var client = server.Client(UsageHarness.Caller("lost-ack"));
        Saves.FailNextAfterCommit(1);
        await SendAsync(client, 3);
        var rows = await server.LedgerAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal(3, rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task FullQueue_SpillsToDisk_AndTheRowsAreImportedOnceTheDatabaseIsBack()
    {
        var server = await StartServerAsync("""  "usage": { "queueCapacity": 2, "batchSize": 1 }  """);
        using var client = server.Client(UsageHarness.Caller("spill"));
        Saves.Close();
        await SendAsync(client, 12);
        Assert.True(SpillFiles > 0);

        Saves.Open();
        var rows = await server.LedgerAsync();
        Assert.Equal(12, rows.Count);
        Assert.Equal(0, SpillFiles);
    }

    [Fact]
    public async Task Shutdown_StoresEveryQueuedRow()
    {
        var server = await StartServerAsync("""  "usage": { "batchSize": 1 }  """);
        using var client = server.Client(UsageHarness.Caller("shutdown"));
        Saves.Delay = TimeSpan.FromMilliseconds(150);
        await SendAsync(client, 6);
        await StopAsync(server);
        Assert.Equal(6, await CountAsync(OpenStore()));
        Assert.Equal(0, SpillFiles);
    }

    [Fact]
    public async Task StopWithTheDatabaseDown_SpillsTheRows_AndTheNextStartImportsThem()
    {
        var server = await StartServerAsync();
        using (var client = server.Client(UsageHarness.Caller("down-at-stop")))
        {
            Saves.AlwaysFail = true;
            await SendAsync(client, 4);
            await StopAsync(server);
        }

        Assert.True(SpillFiles > 0);
        Assert.Equal(0, await CountAsync(OpenStore()));

        Saves.AlwaysFail = false;
        var restarted = await StartServerAsync();
        await restarted.FlushLedgerAsync();
        Assert.Equal(4, await CountAsync(OpenStore()));
        Assert.Equal(0, SpillFiles);
    }

    [Fact]
    public async Task Retention_DeletesRowsOlderThanTheSetting()
    {
        var server = await StartServerAsync("""  "usage": { "retentionDays": 30 }  """);
        var sink = server.Services.GetRequiredService<IUsageSink>();
        var now = DateTimeOffset.UtcNow;
        sink.Record(Entry(now.AddDays(-31), null, null, "old"));
        sink.Record(Entry(now.AddDays(-29), null, null, "recent"));
        sink.Record(Entry(now, null, null, "now"));
        await server.FlushLedgerAsync();

        Assert.Equal(1, await server.Services.GetRequiredService<UsageRetention>().PurgeAsync(default));
        Assert.Equal(["recent", "now"], (await server.LedgerAsync()).Select(r => r.Alias));
    }

    [Fact]
    public async Task BudgetSpend_IsRebuiltFromTheLedger_WhenTheServerStarts()
    {
        var server = await StartServerAsync(gated: false);
        var rule = await server.SetBudgetAsync(UsageScope.Key, "rebuilt", BudgetPeriod.Day, 10m);
        using (var client = server.Client(UsageHarness.Caller("rebuilt")))
        {
            await SendAsync(client, 3);
        }

        Assert.Equal((3 * UsageHarness.AnswerCost, 0m), await server.WaitForBudgetAsync(rule, s => s.Reserved == 0));
        await StopAsync(server);

        var restarted = await StartServerAsync(gated: false);
        Assert.Equal((3 * UsageHarness.AnswerCost, 0m), await restarted.BudgetAsync(rule));
        await using var db = await restarted.UsageDbAsync();
        Assert.Equal(3, await db.UsageRecords.CountAsync(r => r.KeyId == "rebuilt"));
    }

    [Fact]
    public async Task Cancellation_IsRecordedAs499()
    {
        var server = await StartServerAsync();
        using var client = server.Client(UsageHarness.Caller("cancelled"));
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = UsageHarness.Chat("priced-stream-slow", 10, stream: true) })
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<Switchboard.Server.Usage.Storage.UsageRecord> rows;
        do
        {
            rows = await server.LedgerAsync();
        }
        while (rows.Count == 0 && DateTime.UtcNow < deadline);

        Assert.Equal((499, "client_cancelled"), (Assert.Single(rows).Status, rows[0].ErrorType));
    }
}
