using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage.Ledger;

namespace Switchboard.Server.Usage.Storage;

/// <summary>The SQLite usage schema and migrations (<c>Migrations/Sqlite</c>). Timestamps are Unix milliseconds.</summary>
internal sealed class SqliteUsageDbContext(DbContextOptions<SqliteUsageDbContext> options) : UsageDbContext(options)
{
    private const string InsertSql =
        "INSERT INTO usage_records (id, request_id, occurred_at, hour, tenant_id, team_id, user_id, key_id, operation, alias, deployment, provider, " +
        "stream, status, error_type, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost_nanos, currency, usage_estimated, latency_ms, " +
        "ttft_ms, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";

    public override async Task InsertAsync(IReadOnlyList<UsageEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = (SqliteConnection)Database.GetDbConnection();
            using (var pragma = connection.CreateCommand())
            {
                // WAL with NORMAL: no fsync per batch; a commit survives a crash of the process, the last ones may not survive a
                // power cut (the ledger's trade: a batch every few milliseconds, on the same disk as the requests' work).
                pragma.CommandText = "PRAGMA synchronous = NORMAL";
                pragma.ExecuteNonQuery();
            }

            var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The native statement directly (prepared once, bound by index, stepped per row): ADO.NET's per-execution work
                // (a data reader, parameters looked up by name, a string per text value) was most of the cost of a row.
                Check(connection, raw.sqlite3_prepare_v2(connection.Handle, InsertSql, out var statement));
                using (statement)
                {
                    var text = new TextBinder(statement);
                    foreach (var r in rows)
                    {
                        // Stored as EF stores them: GUIDs as 16 bytes, timestamps as Unix milliseconds.
                        BindGuid(statement, 1, r.Id);
                        text.Bind(2, r.RequestId);
                        raw.sqlite3_bind_int64(statement, 3, r.OccurredAt.ToUnixTimeMilliseconds());
                        raw.sqlite3_bind_int64(statement, 4, UsageAmounts.HourOf(r.OccurredAt));
                        text.Bind(5, r.TenantId);
                        text.Bind(6, r.TeamId);
                        text.Bind(7, r.UserId);
                        text.Bind(8, r.KeyId);
                        text.Bind(9, r.Operation);
                        text.Bind(10, r.Alias);
                        text.Bind(11, r.Deployment);
                        text.Bind(12, r.Provider);
                        raw.sqlite3_bind_int64(statement, 13, r.Stream ? 1 : 0);
                        raw.sqlite3_bind_int64(statement, 14, r.Status);
                        text.Bind(15, r.ErrorType);
                        BindInt(statement, 16, r.InputTokens);
                        BindInt(statement, 17, r.OutputTokens);
                        BindInt(statement, 18, r.CachedTokens);
                        BindInt(statement, 19, r.ReasoningTokens);
                        BindInt(statement, 20, r.Cost is { } cost ? UsageAmounts.ToNanos(cost) : null);
                        text.Bind(21, r.Currency);
                        raw.sqlite3_bind_int64(statement, 22, r.UsageEstimated ? 1 : 0);
                        raw.sqlite3_bind_double(statement, 23, r.LatencyMs);
                        if (r.TtftMs is { } ttft)
                        {
                            raw.sqlite3_bind_double(statement, 24, ttft);
                        }
                        else
                        {
                            raw.sqlite3_bind_null(statement, 24);
                        }

                        text.Bind(25, r.Source);
                        var step = raw.sqlite3_step(statement);
                        if (step != raw.SQLITE_DONE)
                        {
                            Check(connection, step);
                        }

                        raw.sqlite3_reset(statement);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type and EF cannot order or compare DateTimeOffset stored as text.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        // 16-byte keys instead of 36-character text: a smaller primary-key index to update per ledger row.
        configurationBuilder.Properties<Guid>().HaveConversion<GuidToBytesConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // On the embedded store every index is updated by the same cores that serve requests: keep the two the hot queries
        // need (time for retention and admin analytics, tenant + time for tenant analytics). Key and team queries (a key's
        // own analytics, rebuilding key and team budgets at start-up) read the time range and filter.
        var records = modelBuilder.Entity<UsageRecord>().Metadata;
        foreach (var column in new[] { nameof(UsageRecord.TeamId), nameof(UsageRecord.KeyId) })
        {
            records.RemoveIndex([records.FindProperty(column)!, records.FindProperty(nameof(UsageRecord.OccurredAt))!]);
        }
    }

    private static void BindInt(sqlite3_stmt statement, int index, long? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(statement, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(statement, index);
        }
    }

    /// <summary>The bytes <see cref="GuidToBytesConverter"/> stores (<see cref="Guid.ToByteArray()"/>'s layout).</summary>
    private static void BindGuid(sqlite3_stmt statement, int index, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        raw.sqlite3_bind_blob(statement, index, bytes);
    }

    private static void Check(SqliteConnection connection, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), result);
        }
    }

    /// <summary>Binds text as UTF-8 from one reused buffer (SQLite copies it), so a row allocates nothing for its strings.</summary>
    private sealed class TextBinder(sqlite3_stmt statement)
    {
        private byte[] _buffer = new byte[256];

        public void Bind(int index, string? value)
        {
            if (value is null)
            {
                raw.sqlite3_bind_null(statement, index);
                return;
            }

            var length = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
            if (length > _buffer.Length)
            {
                _buffer = new byte[length];
            }

            var written = System.Text.Encoding.UTF8.GetBytes(value, _buffer);
            raw.sqlite3_bind_text(statement, index, _buffer.AsSpan(0, written));
        }
    }
}
