using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Limits;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.Hosting;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Usage.Ledger;
using Switchboard.Server.Usage.Policy;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// A stub upstream and a real server whose <c>/v1</c> callers may be made up by the test (<see cref="FakeKeys"/>:
/// tenants, teams, users, key limits) or be real tenant keys (<see cref="UserKeyAsync"/>), with helpers to store
/// limits and budgets, read the ledger and the budget counters. Prices of the <c>priced</c> aliases: input 1000, cached input 500, output 2000 USD per 1M tokens, so the stub's
/// answer (11 prompt tokens of which 3 cached, 7 completion tokens) costs 0.0235 USD and its stream (11 + 5) 0.021 USD.
/// </summary>
internal sealed class UsageHarness : IAsyncDisposable
{
    public const string Price = """{ "inputPer1M": 1000, "cachedInputPer1M": 500, "outputPer1M": 2000, "currency": "USD" }""";

    /// <summary>What the stub's non-streamed answer costs at <see cref="Price"/>.</summary>
    public const decimal AnswerCost = 0.0235m;

    /// <summary>What the stub's stream (usage 11 + 5) costs at <see cref="Price"/>.</summary>
    public const decimal StreamCost = 0.021m;

    public static readonly string Models = $$"""
        [
          { "alias": "priced", "deployments": [ { "provider": "stub", "model": "upstream-model", "price": {{Price}} } ] },
          { "alias": "priced-slow", "deployments": [ { "provider": "stub", "model": "delay-1500", "price": {{Price}} } ] },
          { "alias": "priced-stream-slow", "deployments": [ { "provider": "stub", "model": "slow", "price": {{Price}} } ] },
          { "alias": "priced-500", "deployments": [ { "provider": "stub", "model": "fail-500", "price": {{Price}} } ] },
          { "alias": "rub", "deployments": [ { "provider": "stub", "model": "upstream-model", "price": { "inputPer1M": 100, "outputPer1M": 100, "currency": "RUB" } } ] },
          { "alias": "free", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] }
        ]
        """;

    private UsageHarness(StubUpstream stub, GatewayServer server, FakeKeys keys, FakeTimeProvider? clock)
    {
        Stub = stub;
        Server = server;
        Keys = keys;
        Clock = clock;
    }

    public StubUpstream Stub { get; }

    public GatewayServer Server { get; }

    public FakeKeys Keys { get; }

    public FakeTimeProvider? Clock { get; }

    public IServiceProvider Services => Server.App.Services;

    /// <summary>
    /// Starts the stub and a server. <paramref name="sections"/> are extra top-level config sections (e.g. <c>"usage": {…}</c>);
    /// <paramref name="clock"/> replaces the server's clock.
    /// </summary>
    public static async Task<UsageHarness> StartAsync(string sections = "", FakeTimeProvider? clock = null, Func<ServeOptions, ServeOptions>? options = null,
        Action<IServiceCollection>? services = null, string? root = null, StubUpstream? stub = null)
    {
        stub ??= await StubUpstream.StartAsync();
        var keys = new FakeKeys();
        var config = $$"""
            {
              "gateway": { "health": { "enabled": false } },
              "providers": [ { "name": "stub", "type": "openai", "baseUrl": "{{stub.BaseUrl}}", "apiKey": "env:{{GatewayServer.UpstreamKeyVariable}}" } ],
              "models": {{Models}}{{(sections.Length > 0 ? "," + sections : "")}}
            }
            """;
        if (root is not null)
        {
            // A restart on the same directory gets a config pointing at this stub.
            Directory.CreateDirectory(root);
            await File.WriteAllTextAsync(Path.Combine(root, "switchboard.json"), config);
        }

        var server = await GatewayServer.StartAsync(config, root: root, keepRoot: root is not null, adjustOptions: options, configureServices: s =>
        {
            s.AddSingleton(sp => keys.Over(sp.GetRequiredService<IdentityDirectory>()));
            if (clock is not null)
            {
                s.AddSingleton<TimeProvider>(clock);
            }

            services?.Invoke(s);
        });
        return new UsageHarness(stub, server, keys, clock);
    }

    /// <summary>A client whose key authenticates as <paramref name="caller"/>.</summary>
    public HttpClient Client(GatewayCaller caller) => Server.ClientWithKey(Keys.Add(caller));

    public static GatewayCaller Caller(string keyId, string? tenant = null, string? team = null, string? user = null) =>
        new(keyId, keyId + "-name", null) { TenantId = tenant, TeamId = team, UserId = user };

    /// <summary>A chat request body; its prompt estimate is <see cref="PromptEstimate"/> tokens.</summary>
    public static StringContent Chat(string alias, int? maxTokens = null, bool stream = false) =>
        new($$"""{"model":"{{alias}}","stream":{{(stream ? "true" : "false")}},{{(maxTokens is { } m ? $"\"max_tokens\":{m}," : "")}}"messages":{{Messages}}}""",
            System.Text.Encoding.UTF8, "application/json");

    public const string Messages = """[{"role":"user","content":"What is the capital of France?"}]""";

    /// <summary>The gateway's prompt estimate for <see cref="Messages"/>: bytes / 3.</summary>
    public static int PromptEstimate => System.Text.Encoding.UTF8.GetByteCount(Messages) / 3;

    /// <summary>What a request with <paramref name="maxTokens"/> is estimated to cost at <see cref="Price"/>.</summary>
    public static decimal Estimate(int maxTokens) => ((PromptEstimate * 1000m) + (maxTokens * 2000m)) / 1_000_000m;

    public async Task<Tenant> CreateTenantAsync(string slug, string currency = "USD")
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateTenantAsync(new NewTenant(slug + " Ltd", slug, currency), AuditActor.System, default);
    }

    /// <summary>A real user of the tenant with <paramref name="role"/> and a client holding a real API key of theirs.</summary>
    public async Task<(HttpClient Client, Guid UserId)> UserKeyAsync(Guid tenantId, UserRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(tenantId,
            new NewUser($"{role}-{Guid.NewGuid():N}@example.com".ToLowerInvariant(), null, role), AuditActor.System, default);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(tenantId, new NewApiKey(role + " key", KeyOwner.User(user.Id)), AuditActor.System, default);
        await Services.GetRequiredService<IdentityDirectory>().RefreshAsync(default);
        return (Server.ClientWithKey(created.Secret), user.Id);
    }

    public async Task<Team> CreateTeamAsync(Guid tenantId, string name)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<ControlPlaneDbContext>>().CreateDbContextAsync();
        var team = new Team { Id = Guid.NewGuid(), TenantId = tenantId, Name = name, CreatedAt = DateTimeOffset.UtcNow };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    public async Task SetLimitsAsync(UsageScope scope, string id, int? rpm = null, int? tpm = null, int? concurrent = null, string? tenantId = null)
    {
        await using (var db = await UsageDbAsync())
        {
            db.Limits.Add(new LimitRow
            {
                Id = Guid.NewGuid(),
                Scope = UsageScopes.Name(scope),
                ScopeId = id,
                TenantId = tenantId,
                RequestsPerMinute = rpm,
                TokensPerMinute = tpm,
                MaxConcurrent = concurrent,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await RefreshAsync();
    }

    public async Task<BudgetRule> SetBudgetAsync(UsageScope scope, string id, BudgetPeriod period, decimal limit, decimal? soft = null, string currency = "USD",
        string? tenantId = null)
    {
        await using (var db = await UsageDbAsync())
        {
            db.Budgets.Add(new BudgetRow
            {
                Id = Guid.NewGuid(),
                Scope = UsageScopes.Name(scope),
                ScopeId = id,
                TenantId = tenantId,
                Period = BudgetWindows.Name(period),
                LimitAmount = limit,
                SoftLimitAmount = soft,
                Currency = currency,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await RefreshAsync();
        return new BudgetRule(scope, id, period, limit, soft, currency);
    }

    public Task RefreshAsync() => Services.GetRequiredService<DatabaseUsagePolicyProvider>().RefreshAsync(default);

    /// <summary>The budget's counters in its current window, in currency units.</summary>
    public async Task<(decimal Spent, decimal Reserved)> BudgetAsync(BudgetRule rule, string? partition = null)
    {
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var state = await Services.GetRequiredService<IBudgetStore>().ReadAsync(partition ?? rule.ScopeId, rule, BudgetWindows.Start(rule.Period, now), default);
        return (Money.FromMicros(state.Spent), Money.FromMicros(state.Reserved));
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds for the budget; returns its last counters.</summary>
    public async Task<(decimal Spent, decimal Reserved)> WaitForBudgetAsync(BudgetRule rule, Func<(decimal Spent, decimal Reserved), bool> condition,
        string? partition = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var state = await BudgetAsync(rule, partition);
            if (condition(state) || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(20);
        }
    }

    public async Task FlushLedgerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Services.GetRequiredService<UsageLedger>().FlushAsync(timeout.Token);
    }

    /// <summary>
    /// Every ledger row (after a flush), oldest first. <paramref name="atLeast"/> waits (bounded) for that many rows: a
    /// request the client cancelled is accounted for after the client has gone, so its row may not be queued yet.
    /// </summary>
    public async Task<List<UsageRecord>> LedgerAsync(bool flush = true, int atLeast = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (flush)
            {
                await FlushLedgerAsync();
            }

            List<UsageRecord> rows;
            await using (var db = await UsageDbAsync())
            {
                rows = (await db.UsageRecords.AsNoTracking().ToListAsync()).OrderBy(r => r.OccurredAt).ThenBy(r => r.Id).ToList();
            }

            if (rows.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(20);
        }
    }

    public Task<UsageDbContext> UsageDbAsync() => Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync();

    public IRateLimiter Limiter => Services.GetRequiredService<IRateLimiter>();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
