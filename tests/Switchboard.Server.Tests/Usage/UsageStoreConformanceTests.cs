using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage;
using Switchboard.Server.Usage.Ledger;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// What the usage store must do on every database — the ledger (rows, slow and failing databases, spill, shutdown,
/// retention), budgets rebuilt from it, and analytics — run against SQLite (<see cref="SqliteUsageStoreTests"/>) and
/// PostgreSQL (<see cref="PostgresUsageStoreTests"/>). Each test gets an empty database and its own server(s).
/// Split by topic over the partial files next to this one.
/// </summary>
public abstract partial class UsageStoreConformanceTests : IAsyncLifetime
{
    private readonly List<UsageHarness> _servers = [];
    private string _root = "";

    internal SaveGate Saves { get; } = new();

    internal ControlPlaneProvider Provider { get; private set; }

    internal string? ConnectionString { get; private set; }

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("sb-usage-").FullName;
        (Provider, ConnectionString) = await CreateEmptyStoreAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    /// <summary>A new, empty database: the provider and its connection string (null for SQLite in the data directory).</summary>
    internal abstract Task<(ControlPlaneProvider Provider, string? ConnectionString)> CreateEmptyStoreAsync();

    /// <summary>A server on this test's database and data directory (a second call is a restart on the same store).</summary>
    internal async Task<UsageHarness> StartServerAsync(string sections = "", bool gated = true)
    {
        var server = await UsageHarness.StartAsync(sections, root: _root,
            options: o => o with { DatabaseProvider = Provider, DatabaseConnection = ConnectionString },
            services: s =>
            {
                if (gated)
                {
                    s.AddSingleton(sp => Saves.Wrap(new UsageRowWriter(sp.GetRequiredService<IDbContextFactory<UsageDbContext>>())));
                }
            });
        _servers.Add(server);
        return server;
    }

    /// <summary>Stops a server the way a shutdown does (SIGTERM): the ledger drains or spills.</summary>
    internal async Task StopAsync(UsageHarness server)
    {
        _servers.Remove(server);
        await server.DisposeAsync();
    }

    /// <summary>The usage database, opened without the server (after it stopped).</summary>
    internal UsageDbContext OpenStore()
    {
        var options = Options.Create(new UsageOptions { DataDirectory = Path.Combine(_root, "data"), Provider = Provider, ConnectionString = ConnectionString });
        return new UsageDbContextFactory(options, NullLoggerFactory.Instance).CreateDbContext();
    }

    internal string SpillDirectory => Path.Combine(_root, "data", "usage-spill");

    internal int SpillFiles => Directory.Exists(SpillDirectory) ? Directory.GetFiles(SpillDirectory, "*.jsonl").Length : 0;

    internal static async Task SendAsync(HttpClient client, int count, string alias = "priced", bool stream = false)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostAsync("v1/chat/completions", UsageHarness.Chat(alias, maxTokens: 10, stream: stream));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsStringAsync();
        }
    }

    internal static UsageEntry Entry(DateTimeOffset at, string? tenant, string? user, string alias, int status = 200, decimal cost = 0.01m,
        string currency = "USD", double latencyMs = 100, string key = "k1", string? team = null) => new()
    {
        Id = Guid.CreateVersion7(at),
        RequestId = "req-" + Guid.NewGuid().ToString("N")[..8],
        OccurredAt = at,
        TenantId = tenant,
        TeamId = team,
        UserId = user,
        KeyId = key,
        Operation = "chat",
        Alias = alias,
        Deployment = "stub/" + alias,
        Provider = "stub",
        Status = status,
        ErrorType = status >= 400 ? "upstream_5xx" : null,
        InputTokens = 10,
        OutputTokens = 5,
        Cost = cost,
        Currency = currency,
        LatencyMs = latencyMs,
        Source = "api",
    };

    internal static async Task<long> CountAsync(UsageDbContext db)
    {
        await using (db)
        {
            return await db.UsageRecords.LongCountAsync();
        }
    }
}
