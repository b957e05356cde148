using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Gateway.Budgets;
using Switchboard.Server.ControlPlane.Storage;
using System.Text.RegularExpressions;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Usage;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// Two real <c>switchboard serve</c> processes behind one Redis (limits and budgets) and one PostgreSQL (ledger, limits,
/// budgets), in front of one stub upstream: a limit and a budget hold across both processes.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ScaleOutTests(PostgresCluster cluster, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    // Per million tokens: a request with max_tokens 100 is estimated at 20 × 1 + 100 × 100 = 10 020 micro-USD and
    // really costs 11 × 1 + 7 × 100 = 711 micro-USD (the stub's usage).
    private const decimal BudgetLimit = 0.05m;
    private const decimal Estimate = 0.01002m;
    private const long ActualNanos = 711_000;

    private readonly RedisServer _redis = new();
    private readonly List<ServeProcess> _processes = [];
    private StubUpstream _stub = null!;
    private string _root = "";
    private string _database = "";

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _stub = await StubUpstream.StartAsync();
        _root = Directory.CreateTempSubdirectory("sb-scale-").FullName;
        _database = await cluster.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await _stub.DisposeAsync();
        await _redis.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    [Fact]
    public async Task TwoProcesses_OneRedis_ALimitAndABudgetHoldAcrossBoth()
    {
        var data = Path.Combine(_root, "data");
        string[] postgres = ["--db-provider", "postgres", "--db-connection", _database, "--data", data];
        // Real tenant-scoped keys, made as an operator would: the first with its own limit of 100 requests a minute,
        // the second with a daily budget of 0.05 USD (the tenant's currency).
        await RunCliAsync(["tenants", "create", "--name", "Acme", "--slug", "acme", "--currency", "USD", .. postgres]);
        var (limitedId, limitedKey) = await CreateKeyAsync("limited", ["--rpm", "100", .. postgres]);
        var (budgetedId, budgetedKey) = await CreateKeyAsync("budgeted", postgres);
        await RunCliAsync(["budgets", "set", "--key", budgetedId, "--period", "day", "--limit", "0.05", .. postgres]);

        var config = Path.Combine(_root, "switchboard.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "limits": { "redis": "{{_redis.ConnectionString}}", "refreshSeconds": 1 },
              "providers": [ { "name": "stub", "type": "openai", "baseUrl": "{{_stub.BaseUrl}}", "apiKey": "stub-key" } ],
              "models": [ { "alias": "priced", "deployments": [ { "provider": "stub", "model": "upstream-model",
                            "price": { "inputPer1M": 1, "outputPer1M": 100, "currency": "USD" } } ] } ]
            }
            """);
        string[] serve = ["--db-provider", "postgres", "--db-connection", _database];
        _processes.Add(await ServeProcess.StartAsync(config, data, serve));
        _processes.Add(await ServeProcess.StartAsync(config, data, serve));

        // 300 requests, alternating between the processes, 16 at a time: the key may make 100 a minute.
        var limitedResults = await SendAsync(limitedKey, 300);
        Assert.Equal(300, limitedResults.Count);
        Assert.Equal(100, limitedResults.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(limitedResults.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal((HttpStatusCode.TooManyRequests, "key:requests_per_minute"), (r.Status, r.Limit)));
        Assert.All(_processes, p => Assert.Contains(limitedResults, r => r.Process == p && r.Status == HttpStatusCode.OK));

        // A small daily budget under concurrent requests from both processes.
        var budgetResults = await SendAsync(budgetedKey, 150, maxTokens: 100);
        var served = budgetResults.Count(r => r.Status == HttpStatusCode.OK);
        Assert.InRange(served, 1, 149);
        Assert.All(budgetResults.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal((HttpStatusCode.TooManyRequests, "key:daily_budget"), (r.Status, r.Limit)));

        foreach (var process in _processes)
        {
            await process.StopAsync();
        }

        await using var ledger = UsageStore();
        var rows = await ledger.UsageRecords.Where(r => r.KeyId == budgetedId).ToListAsync();
        Assert.Equal(150, rows.Count);
        var spent = rows.Sum(r => r.CostNanos ?? 0);
        Assert.Equal(served * ActualNanos, spent);
        // Never overspent by more than one in-flight estimate (and here not at all: every request costs less than its estimate).
        Assert.True(spent / 1e9m <= BudgetLimit + Estimate, $"spent {spent / 1e9m} of {BudgetLimit}");
        Assert.True(spent / 1e9m <= BudgetLimit);

        var rule = new BudgetRule(Gateway.Accounting.UsageScope.Key, budgetedId, BudgetPeriod.Day, BudgetLimit, null, "USD");
        var store = new RedisBudgetStore(_redis.Connection, TimeSpan.FromMinutes(15));
        // Budgets are kept per tenant partition (one Redis hash slot per tenant).
        var state = await store.ReadAsync(rows[0].TenantId!, rule, BudgetWindows.Start(BudgetPeriod.Day, DateTimeOffset.UtcNow), default);
        Assert.Equal(new BudgetState(spent / 1000, 0), state);
        output.WriteLine($"requests/min: {limitedResults.Count(r => r.Status == HttpStatusCode.OK)} of 300 served " +
            $"({string.Join(" + ", _processes.Select(p => limitedResults.Count(r => r.Process == p && r.Status == HttpStatusCode.OK)))} per process); " +
            $"budget: {served} of 150 served, {spent / 1e9m} of {BudgetLimit} USD spent (ledger), Redis {Money.FromMicros(state.Spent)}");
        Assert.Equal(300, await ledger.UsageRecords.CountAsync(r => r.KeyId == limitedId));
    }

    private static async Task<string> RunCliAsync(string[] args)
    {
        var (exitCode, stdout, stderr) = await SwitchboardProcess.RunAsync(args);
        Assert.True(exitCode == 0, $"switchboard {string.Join(' ', args.Take(2))} failed: {stderr}");
        return stdout;
    }

    /// <summary><c>switchboard keys create</c>: the key on stdout, its id in the confirmation on stderr.</summary>
    private static async Task<(string Id, string Key)> CreateKeyAsync(string name, string[] args)
    {
        var (exitCode, stdout, stderr) = await SwitchboardProcess.RunAsync(["keys", "create", "--name", name, "--tenant", "acme", .. args]);
        Assert.True(exitCode == 0, stderr);
        return (Regex.Match(stderr, "Created ([0-9a-f-]{36})").Groups[1].Value, stdout.Trim());
    }

    private async Task<List<Result>> SendAsync(string key, int count, int? maxTokens = null)
    {
        var clients = _processes.Select(p =>
        {
            var client = new HttpClient { BaseAddress = p.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }).ToArray();
        var results = new ConcurrentBag<Result>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            var process = _processes[i % 2];
            using var response = await clients[i % 2].PostAsync("v1/chat/completions", UsageHarness.Chat("priced", maxTokens), cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            results.Add(new Result(process, response.StatusCode, response.Headers.TryGetValues("x-switchboard-limit", out var limit) ? limit.Single() : null));
        });
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return [.. results];
    }

    private UsageDbContext UsageStore() =>
        new UsageDbContextFactory(Options.Create(new UsageOptions { Provider = ControlPlaneProvider.Postgres, ConnectionString = _database }),
            NullLoggerFactory.Instance).CreateDbContext();

    private sealed record Result(ServeProcess Process, HttpStatusCode Status, string? Limit);
}
