using System.Collections.Frozen;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Limits;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Pricing;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;

namespace Switchboard.Bench.Micro;

/// <summary>
/// The request path's control-plane steps on the embedded default (in-process limiter and budget store), for a key
/// with requests/min, tokens/min and concurrency limits of its own, team and tenant limits, and a daily and a monthly
/// tenant budget: <see cref="AuthLimitsBudget"/> is authentication (a real tenant key: SHA-256 of the key, lookup in
/// the control plane's identity snapshot, network check), the limit
/// check and the budget reservation (target, issue #6: ≤ 20 µs p50); <see cref="FullCycle"/> adds what the end of the
/// request does (release, settlement, cost, the ledger row, metrics). The baseline is authentication alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: GlobalCleanup disposes.
public class AdmissionBenchmarks
#pragma warning restore CA1001
{
    private string _key = "";
    private string _directory = "";
    private ServiceProvider _services = null!;
    private IdentityDirectory _authenticator = null!;
    private RequestAdmission _admission = null!;
    private RequestCompletion _completion = null!;
    private GatewayConfigProvider _config = null!;
    private GatewaySnapshot _snapshot = null!;
    private ModelRoute _route = null!;
    private InspectedRequest _request;
    private InProcessRateLimiter _limiter = null!;
    private InProcessBudgetStore _budgets = null!;
    private DefaultHttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("sb-bench-admission-").FullName;
        var config = Path.Combine(_directory, "switchboard.json");
        File.WriteAllText(config, """
            { "providers": [ { "name": "p", "baseUrl": "http://p.example/v1" } ],
              "models": [ { "alias": "chat", "deployments": [
                { "provider": "p", "model": "a", "price": { "inputPer1M": 0.15, "outputPer1M": 0.6, "currency": "USD" } },
                { "provider": "p", "model": "b", "price": { "inputPer1M": 30, "outputPer1M": 60, "currency": "RUB" } } ] } ],
              "prices": { "exchangeRates": { "USD/RUB": 90 } } }
            """);
        _config = new GatewayConfigProvider(config, NullLogger<GatewayConfigProvider>.Instance, TimeProvider.System, pollInterval: TimeSpan.FromHours(1));
        _snapshot = _config.Current;
        _route = _snapshot.Routes["chat"];

        // A tenant key in the control plane (SQLite, the embedded default), authenticated from the in-memory identity
        // snapshot as on every request.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddControlPlane(options => options.DataDirectory = Path.Combine(_directory, "data"));
        _services = services.BuildServiceProvider();
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            hosted.StartAsync(default).GetAwaiter().GetResult();
        }

        using (var scope = _services.CreateScope())
        {
            var tenantRow = scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateTenantAsync(new NewTenant("Bench", "bench", "RUB"), AuditActor.System, default).GetAwaiter().GetResult();
            var account = scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateUserAsync(tenantRow.Id, new NewUser("bench@example.com", null, UserRole.Member), AuditActor.System, default).GetAwaiter().GetResult();
            _key = scope.ServiceProvider.GetRequiredService<ApiKeyService>()
                .CreateAsync(tenantRow.Id, new NewApiKey("bench", KeyOwner.User(account.Id)), AuditActor.System, default).GetAwaiter().GetResult().Secret!;
        }

        _authenticator = _services.GetRequiredService<IdentityDirectory>();
        _authenticator.RefreshAsync(default).GetAwaiter().GetResult();
        _context = new DefaultHttpContext();
        _context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        var caller = _authenticator.Authenticate(_key, _context, out _) ?? throw new InvalidOperationException("the bench key does not authenticate");
        var tenant = caller.TenantId!;
        var team = Guid.NewGuid().ToString();
        var policy = new UsagePolicy(
            new Dictionary<(UsageScope, string), LimitSet>
            {
                [(UsageScope.Key, caller.KeyId)] = new(int.MaxValue, int.MaxValue, 1_000),
                [(UsageScope.Team, team)] = new(int.MaxValue, null, null),
                [(UsageScope.Tenant, tenant)] = new(int.MaxValue, int.MaxValue, 10_000),
            }.ToFrozenDictionary(),
            new Dictionary<(UsageScope, string), BudgetRule[]>
            {
                [(UsageScope.Tenant, tenant)] =
                [
                    new BudgetRule(UsageScope.Tenant, tenant, BudgetPeriod.Day, 1_000_000_000m, 900_000_000m, "RUB"),
                    new BudgetRule(UsageScope.Tenant, tenant, BudgetPeriod.Month, 1_000_000_000m, null, "RUB"),
                ],
            }.ToFrozenDictionary(),
            FrozenDictionary<(UsageScope, string), string>.Empty);
        var policies = new StaticUsagePolicyProvider(policy);
        _limiter = new InProcessRateLimiter();
        _budgets = new InProcessBudgetStore();
        var metrics = new GatewayMetrics(new BenchMeterFactory(), _config);
        _admission = new RequestAdmission(_limiter, _budgets, policies, metrics, TimeProvider.System, NullLogger<RequestAdmission>.Instance);
        _completion = new RequestCompletion(_limiter, _budgets, new NullUsageSink(), metrics, _config, TimeProvider.System,
            NullLogger<RequestCompletion>.Instance);
        RequestInspector.Inspect("""{"model":"chat","max_tokens":256,"messages":[{"role":"user","content":"Say hello in one short sentence."}]}"""u8,
            UpstreamOperation.ChatCompletions, out _request);
        // The caller as authenticated, with a team so that the team's limit applies too.
        _caller = caller with { TeamId = team };
    }

    private GatewayCaller _caller = null!;

    [GlobalCleanup]
    public void Cleanup()
    {
        _config.Dispose();
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            hosted.StopAsync(default).GetAwaiter().GetResult();
        }

        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public GatewayCaller? Auth() => _authenticator.Authenticate(_key, _context, out _);

    [Benchmark]
    public async ValueTask<bool> AuthLimitsBudget()
    {
        var caller = _authenticator.Authenticate(_key, _context, out _)!;
        var outcome = new RequestOutcome("bench", "chat", Stopwatch.GetTimestamp()) { Caller = _caller, KeyId = caller.KeyId };
        var refused = await _admission.AdmitAsync(_context.Response, outcome, _caller, _snapshot,
            CostEstimate.For(_snapshot, _route, UpstreamOperation.ChatCompletions, _request), countsRequest: true, default);
        // Give back what was held, outside of what a real request's admission does, so the limits never fill up.
        if (outcome.Admission is { } ticket)
        {
            _limiter.Release(ticket.Lease!, ticket.Estimate.Tokens, DateTimeOffset.UtcNow);
            await _budgets.SettleAsync(ticket.Reservation!, new long[ticket.Reservation!.Lines.Length], DateTimeOffset.UtcNow, default);
        }

        return refused is null;
    }

    [Benchmark]
    public async ValueTask<bool> FullCycle()
    {
        var caller = _authenticator.Authenticate(_key, _context, out _)!;
        var outcome = new RequestOutcome("bench", "chat", Stopwatch.GetTimestamp()) { Caller = _caller, KeyId = caller.KeyId, Alias = "chat" };
        var refused = await _admission.AdmitAsync(_context.Response, outcome, _caller, _snapshot,
            CostEstimate.For(_snapshot, _route, UpstreamOperation.ChatCompletions, _request), countsRequest: true, default);
        outcome.Served = true;
        outcome.Price = _route.Deployments[0].Price;
        outcome.Deployment = _route.Deployments[0].Name;
        outcome.Status = 200;
        outcome.Usage.InputTokens = 12;
        outcome.Usage.OutputTokens = 9;
        _completion.Complete(outcome, Stopwatch.GetTimestamp());
        return refused is null;
    }

    private sealed class BenchMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
