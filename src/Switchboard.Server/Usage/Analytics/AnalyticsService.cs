using Microsoft.EntityFrameworkCore;
using Switchboard.Server.Usage.Ledger;
using Switchboard.Server.Usage.Storage;

namespace Switchboard.Server.Usage.Analytics;

/// <summary>
/// Runs analytics queries on the usage ledger: counts, tokens, cost and distinct users are SQL aggregates grouped by
/// time bucket (the stored Unix hour, divided for days) and group; latency percentiles are computed here over the
/// selected rows' latencies, because SQLite has no percentile function (the same code then serves both databases).
/// Thread-safe.
/// </summary>
internal sealed class AnalyticsService(IDbContextFactory<UsageDbContext> factory)
{
    public async Task<AnalyticsReport> RunAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var rows = Project(Filter(db.UsageRecords.AsNoTracking(), query), query.GroupBy);
            long size = query.BucketHours;
            var buckets = await rows.GroupBy(p => new { Bucket = p.Hour / size, p.Group })
                .Select(g => new
                {
                    g.Key.Bucket,
                    g.Key.Group,
                    Requests = g.LongCount(),
                    Errors = g.LongCount(p => p.Status >= 400),
                    TokensIn = g.Sum(p => (long?)p.InputTokens) ?? 0,
                    TokensOut = g.Sum(p => (long?)p.OutputTokens) ?? 0,
                    Users = g.Where(p => p.UserId != null).Select(p => p.UserId).Distinct().Count(),
                    Keys = g.Where(p => p.KeyId != null).Select(p => p.KeyId).Distinct().Count(),
                })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var costs = await rows.Where(p => p.CostNanos != null).GroupBy(p => new { Bucket = p.Hour / size, p.Group, p.Currency })
                .Select(g => new { g.Key.Bucket, g.Key.Group, g.Key.Currency, Nanos = g.Sum(p => p.CostNanos) ?? 0 })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var groups = await rows.GroupBy(p => p.Group)
                .Select(g => new
                {
                    Group = g.Key,
                    Users = g.Where(p => p.UserId != null).Select(p => p.UserId).Distinct().Count(),
                    Keys = g.Where(p => p.KeyId != null).Select(p => p.KeyId).Distinct().Count(),
                })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var totalUsers = await rows.Where(p => p.UserId != null).Select(p => p.UserId).Distinct().CountAsync(cancellationToken).ConfigureAwait(false);
            var totalKeys = await rows.Where(p => p.KeyId != null).Select(p => p.KeyId).Distinct().CountAsync(cancellationToken).ConfigureAwait(false);
            var latencies = await rows.Select(p => new { Bucket = p.Hour / size, p.Group, p.LatencyMs })
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            var latencyByPoint = latencies.GroupBy(l => (l.Bucket, l.Group)).ToDictionary(g => g.Key, g => Sorted(g.Select(l => l.LatencyMs)));
            var costByPoint = costs.GroupBy(c => (c.Bucket, c.Group)).ToDictionary(g => g.Key, g => Costs(g.Select(c => (c.Currency, c.Nanos))));
            var series = buckets.OrderBy(b => b.Bucket).ThenBy(b => b.Group, StringComparer.Ordinal)
                .Select(b => new AnalyticsPoint(
                    DateTimeOffset.FromUnixTimeSeconds(b.Bucket * size * 3600),
                    b.Group,
                    new AnalyticsMetrics
                    {
                        Requests = b.Requests,
                        Errors = b.Errors,
                        TokensIn = b.TokensIn,
                        TokensOut = b.TokensOut,
                        Cost = costByPoint.GetValueOrDefault((b.Bucket, b.Group)) ?? new Dictionary<string, decimal>(),
                        LatencyP50Ms = Percentile(latencyByPoint.GetValueOrDefault((b.Bucket, b.Group)), 0.50),
                        LatencyP95Ms = Percentile(latencyByPoint.GetValueOrDefault((b.Bucket, b.Group)), 0.95),
                        ActiveUsers = b.Users,
                        ActiveKeys = b.Keys,
                    }))
                .ToList();

            var breakdown = query.GroupBy is null
                ? []
                : groups.OrderBy(g => g.Group, StringComparer.Ordinal).Select(g =>
                {
                    var points = series.Where(p => p.Group == g.Group).ToList();
                    var sorted = Sorted(latencies.Where(l => l.Group == g.Group).Select(l => l.LatencyMs));
                    return new AnalyticsGroup(g.Group, Sum(points, sorted, g.Users, g.Keys));
                }).ToList();
            var totals = Sum(series, Sorted(latencies.Select(l => l.LatencyMs)), totalUsers, totalKeys);
            return new AnalyticsReport(query, totals, series, breakdown);
        }
    }

    private static IQueryable<UsageRecord> Filter(IQueryable<UsageRecord> rows, AnalyticsQuery query)
    {
        var (from, to) = (query.From, query.To);
        rows = rows.Where(r => r.OccurredAt >= from && r.OccurredAt < to);
        if (query.Tenant is { } tenant)
        {
            rows = rows.Where(r => r.TenantId == tenant);
        }

        if (query.Key is { } key)
        {
            rows = rows.Where(r => r.KeyId == key);
        }

        if (query.Model is { } model)
        {
            rows = rows.Where(r => r.Alias == model);
        }

        if (query.Deployment is { } deployment)
        {
            rows = rows.Where(r => r.Deployment == deployment);
        }

        if (query.User is { } user)
        {
            rows = rows.Where(r => r.UserId == user);
        }

        if (query.Team is { } team)
        {
            rows = rows.Where(r => r.TeamId == team);
        }

        if (query.Source is { } source)
        {
            rows = rows.Where(r => r.Source == source);
        }

        return rows;
    }

    // One anonymous shape for every grouping (the arms produce the same type), so EF translates the grouping as SQL.
    private static IQueryable<Row> Project(IQueryable<UsageRecord> rows, string? groupBy) => groupBy switch
    {
        "model" => rows.Select(r => new Row { Hour = r.Hour, Group = r.Alias, UserId = r.UserId, KeyId = r.KeyId, Status = r.Status, InputTokens = r.InputTokens, OutputTokens = r.OutputTokens, CostNanos = r.CostNanos, Currency = r.Currency, LatencyMs = r.LatencyMs }),
        "user" => rows.Select(r => new Row { Hour = r.Hour, Group = r.UserId, UserId = r.UserId, KeyId = r.KeyId, Status = r.Status, InputTokens = r.InputTokens, OutputTokens = r.OutputTokens, CostNanos = r.CostNanos, Currency = r.Currency, LatencyMs = r.LatencyMs }),
        "team" => rows.Select(r => new Row { Hour = r.Hour, Group = r.TeamId, UserId = r.UserId, KeyId = r.KeyId, Status = r.Status, InputTokens = r.InputTokens, OutputTokens = r.OutputTokens, CostNanos = r.CostNanos, Currency = r.Currency, LatencyMs = r.LatencyMs }),
        "key" => rows.Select(r => new Row { Hour = r.Hour, Group = r.KeyId, UserId = r.UserId, KeyId = r.KeyId, Status = r.Status, InputTokens = r.InputTokens, OutputTokens = r.OutputTokens, CostNanos = r.CostNanos, Currency = r.Currency, LatencyMs = r.LatencyMs }),
        "deployment" => rows.Select(r => new Row { Hour = r.Hour, Group = r.Deployment, UserId = r.UserId, KeyId = r.KeyId, Status = r.Status, InputTokens = r.InputTokens, OutputTokens = r.OutputTokens, CostNanos = r.CostNanos, Currency = r.Currency, LatencyMs = r.LatencyMs }),
        _ => rows.Select(r => new Row { Hour = r.Hour, Group = null, UserId = r.UserId, KeyId = r.KeyId, Status = r.Status, InputTokens = r.InputTokens, OutputTokens = r.OutputTokens, CostNanos = r.CostNanos, Currency = r.Currency, LatencyMs = r.LatencyMs }),
    };

    private static AnalyticsMetrics Sum(IReadOnlyCollection<AnalyticsPoint> points, double[] sortedLatencies, long users, long keys)
    {
        var cost = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (currency, amount) in points.SelectMany(p => p.Metrics.Cost))
        {
            cost[currency] = cost.GetValueOrDefault(currency) + amount;
        }

        return new AnalyticsMetrics
        {
            Requests = points.Sum(p => p.Metrics.Requests),
            Errors = points.Sum(p => p.Metrics.Errors),
            TokensIn = points.Sum(p => p.Metrics.TokensIn),
            TokensOut = points.Sum(p => p.Metrics.TokensOut),
            Cost = cost,
            LatencyP50Ms = Percentile(sortedLatencies, 0.50),
            LatencyP95Ms = Percentile(sortedLatencies, 0.95),
            ActiveUsers = users,
            ActiveKeys = keys,
        };
    }

    private static Dictionary<string, decimal> Costs(IEnumerable<(string Currency, long Nanos)> costs)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (currency, nanos) in costs)
        {
            result[currency] = result.GetValueOrDefault(currency) + UsageAmounts.FromNanos(nanos);
        }

        return result;
    }

    private static double[] Sorted(IEnumerable<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }

    /// <summary>Nearest-rank percentile; null without values.</summary>
    internal static double? Percentile(double[]? sorted, double p)
    {
        if (sorted is not { Length: > 0 })
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The columns analytics read from a ledger row, with the chosen grouping column as <see cref="Group"/>.</summary>
    private sealed class Row
    {
        public long Hour { get; init; }

        public string? Group { get; init; }

        public string? UserId { get; init; }

        public string? KeyId { get; init; }

        public int Status { get; init; }

        public int? InputTokens { get; init; }

        public int? OutputTokens { get; init; }

        public long? CostNanos { get; init; }

        public string Currency { get; init; } = "";

        public double LatencyMs { get; init; }
    }
}
