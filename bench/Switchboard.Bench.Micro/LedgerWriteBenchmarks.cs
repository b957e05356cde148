using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.Usage;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Bench.Micro;

/// <summary>
/// The usage ledger's write path on the embedded store (SQLite, WAL): one batch of <see cref="Rows"/> rows per operation,
/// as <c>UsageLedgerWriter</c> stores them. Divide by the row count for the CPU a request's row costs the server.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LedgerWriteBenchmarks
{
    private string _directory = "";
    private UsageDbContextFactory _factory = null!;
    private List<UsageEntry> _batch = [];

    [Params(500)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("sb-bench-ledger-").FullName;
        _factory = new UsageDbContextFactory(Options.Create(new UsageOptions { DataDirectory = _directory }), NullLoggerFactory.Instance);
        using var db = _factory.CreateDbContext();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL;");
    }

    [IterationSetup]
    public void NewBatch()
    {
        var now = DateTimeOffset.UtcNow;
        _batch = Enumerable.Range(0, Rows).Select(i => new UsageEntry
        {
            Id = Guid.CreateVersion7(),
            RequestId = "req-" + i,
            OccurredAt = now,
            TenantId = "8d0d7a5e-5d5c-4d3e-9a51-3f1c2b7c9e01",
            KeyId = "key_0123456789ab",
            Operation = "chat",
            Alias = "bench",
            Deployment = "mock/mock-model",
            Provider = "mock",
            Status = 200,
            InputTokens = 12,
            OutputTokens = 18,
            Cost = 0.0000126m,
            Currency = "USD",
            LatencyMs = 0.4,
            Source = "api",
        }).ToList();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task InsertBatch()
    {
        await using var db = _factory.CreateDbContext();
        await db.InsertAsync(_batch, default);
    }
}
