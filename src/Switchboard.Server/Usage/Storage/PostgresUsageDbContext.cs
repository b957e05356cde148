using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.Usage.Ledger;

namespace Switchboard.Server.Usage.Storage;

/// <summary>The PostgreSQL usage schema and migrations (<c>Migrations/Postgres</c>). Timestamps are <c>timestamptz</c>.</summary>
internal sealed class PostgresUsageDbContext(DbContextOptions<PostgresUsageDbContext> options) : UsageDbContext(options)
{
    private const string Copy =
        "COPY usage_records (id, request_id, occurred_at, hour, tenant_id, team_id, user_id, key_id, operation, alias, deployment, provider, stream, " +
        "status, error_type, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost_nanos, currency, usage_estimated, latency_ms, ttft_ms, " +
        "source) FROM STDIN (FORMAT BINARY)";

    public override async Task InsertAsync(IReadOnlyList<UsageEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = (NpgsqlConnection)Database.GetDbConnection();
            // COPY is atomic: either every row of the batch is stored or none.
            var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken).ConfigureAwait(false);
            await using (importer.ConfigureAwait(false))
            {
                foreach (var r in rows)
                {
                    await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.RequestId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(UsageAmounts.HourOf(r.OccurredAt), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.TenantId, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.TeamId, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.UserId, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.KeyId, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.Operation, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.Alias, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.Deployment, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.Provider, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.Stream, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.Status, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.ErrorType, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.InputTokens, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.OutputTokens, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.CachedTokens, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.ReasoningTokens, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteAsync<long>(importer, r.Cost is { } cost ? UsageAmounts.ToNanos(cost) : null, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.Currency, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.UsageEstimated, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.LatencyMs, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(importer, r.TtftMs, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(r.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }

                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
