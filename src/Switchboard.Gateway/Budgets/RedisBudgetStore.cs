using StackExchange.Redis;
using Switchboard.Gateway.Accounting;

namespace Switchboard.Gateway.Budgets;

/// <summary>
/// Budget counters in Redis, shared by every gateway process: each window is a hash (<c>s</c> settled,
/// <c>r</c> reserved, in micro-units) plus the reservations in progress (amount by id, and their expiry in a
/// sorted set). Reserve and settle are Lua scripts, atomic over all of a request's budgets. A reservation
/// whose process died is reclaimed after <c>limits.leaseSeconds</c>. Windows expire a day after they end.
/// Thread-safe.
/// </summary>
internal sealed class RedisBudgetStore(IConnectionMultiplexer redis, TimeSpan leaseTime, string prefix = RedisBudgetStore.DefaultPrefix) : IBudgetStore
{
    public const string DefaultPrefix = "sb";

    // KEYS: per line the window hash, the amounts hash, the leases set. ARGV: now, id, lease ms, then per line limit, amount, expire-at ms.
    private const string ReserveScript = """
        local now = tonumber(ARGV[1])
        local n = #KEYS / 3
        local state = {}
        for i = 0, n - 1 do
          local w, a, l = KEYS[i * 3 + 1], KEYS[i * 3 + 2], KEYS[i * 3 + 3]
          local stale = redis.call('ZRANGEBYSCORE', l, '-inf', now, 'LIMIT', 0, 100)
          for _, id in ipairs(stale) do
            local amount = redis.call('HGET', a, id)
            if amount then
              redis.call('HINCRBY', w, 'r', -tonumber(amount))
              redis.call('HDEL', a, id)
            end
            redis.call('ZREM', l, id)
          end
          local v = redis.call('HMGET', w, 's', 'r')
          local s = tonumber(v[1] or '0')
          local r = tonumber(v[2] or '0')
          if r < 0 then r = 0 end
          if s + r + tonumber(ARGV[5 + i * 3]) > tonumber(ARGV[4 + i * 3]) then
            return { i + 1, s, r }
          end
          state[i] = { s, r }
        end
        local out = { 0 }
        for i = 0, n - 1 do
          local w, a, l = KEYS[i * 3 + 1], KEYS[i * 3 + 2], KEYS[i * 3 + 3]
          local amount = tonumber(ARGV[5 + i * 3])
          local expire = tonumber(ARGV[6 + i * 3])
          redis.call('HINCRBY', w, 'r', amount)
          redis.call('HSETNX', w, 's', 0)
          redis.call('HSET', a, ARGV[2], amount)
          redis.call('ZADD', l, now + tonumber(ARGV[3]), ARGV[2])
          redis.call('PEXPIREAT', w, expire)
          redis.call('PEXPIREAT', a, expire)
          redis.call('PEXPIREAT', l, expire)
          out[#out + 1] = state[i][1]
          out[#out + 1] = state[i][2] + amount
        end
        return out
        """;

    // KEYS as for reserve. ARGV: id, then per line the actual cost and expire-at ms.
    private const string SettleScript = """
        local n = #KEYS / 3
        for i = 0, n - 1 do
          local w, a, l = KEYS[i * 3 + 1], KEYS[i * 3 + 2], KEYS[i * 3 + 3]
          local amount = redis.call('HGET', a, ARGV[1])
          redis.call('HINCRBY', w, 's', tonumber(ARGV[2 + i * 2]))
          if amount then
            local r = redis.call('HINCRBY', w, 'r', -tonumber(amount))
            if r < 0 then redis.call('HSET', w, 'r', 0) end
            redis.call('HDEL', a, ARGV[1])
            redis.call('ZREM', l, ARGV[1])
          end
          redis.call('PEXPIREAT', w, tonumber(ARGV[3 + i * 2]))
        end
        return 0
        """;

    private const string SeedScript = """
        if redis.call('HSETNX', KEYS[1], 's', ARGV[1]) == 1 then
          redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[2]))
          return 1
        end
        return 0
        """;

    private static readonly TimeSpan KeepEndedWindows = TimeSpan.FromDays(1);

    private readonly long _leaseMs = (long)leaseTime.TotalMilliseconds;

    public async ValueTask<(BudgetReservation? Reservation, BudgetRefusal? Refusal)> ReserveAsync(string partition, string reservationId,
        BudgetLine[] lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = new RedisKey[lines.Length * 3];
        var args = new RedisValue[3 + (lines.Length * 3)];
        args[0] = now.ToUnixTimeMilliseconds();
        args[1] = reservationId;
        args[2] = _leaseMs;
        for (var i = 0; i < lines.Length; i++)
        {
            var window = WindowKey(partition, lines[i].Rule, lines[i].WindowStart);
            keys[i * 3] = window;
            keys[(i * 3) + 1] = window + ":amounts";
            keys[(i * 3) + 2] = window + ":leases";
            args[3 + (i * 3)] = lines[i].Rule.LimitMicros;
            args[4 + (i * 3)] = lines[i].Amount;
            args[5 + (i * 3)] = ExpireAt(lines[i].Rule, lines[i].WindowStart);
        }

        var result = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(ReserveScript, keys, args).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        if (result[0] != 0)
        {
            return (null, new BudgetRefusal(lines[result[0] - 1], new BudgetState(result[1], result[2])));
        }

        var after = new BudgetState[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            after[i] = new BudgetState(result[1 + (i * 2)], result[2 + (i * 2)]);
        }

        return (new BudgetReservation(reservationId, partition, lines, after), null);
    }

    public async ValueTask SettleAsync(BudgetReservation reservation, long[] actual, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = reservation.Lines;
        var keys = new RedisKey[lines.Length * 3];
        var args = new RedisValue[1 + (lines.Length * 2)];
        args[0] = reservation.Id;
        for (var i = 0; i < lines.Length; i++)
        {
            var window = WindowKey(reservation.Partition, lines[i].Rule, lines[i].WindowStart);
            keys[i * 3] = window;
            keys[(i * 3) + 1] = window + ":amounts";
            keys[(i * 3) + 2] = window + ":leases";
            args[1 + (i * 2)] = actual[i];
            args[2 + (i * 2)] = ExpireAt(lines[i].Rule, lines[i].WindowStart);
        }

        await redis.GetDatabase().ScriptEvaluateAsync(SettleScript, keys, args).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> SeedAsync(string partition, BudgetRule rule, DateTimeOffset windowStart, long spent, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(SeedScript, [WindowKey(partition, rule, windowStart)],
            [spent, ExpireAt(rule, windowStart)]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async ValueTask<BudgetState> ReadAsync(string partition, BudgetRule rule, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var values = await redis.GetDatabase().HashGetAsync(WindowKey(partition, rule, windowStart), ["s", "r"]).WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        return new BudgetState(values[0].IsNull ? 0 : (long)values[0], values[1].IsNull ? 0 : Math.Max(0, (long)values[1]));
    }

    private static long ExpireAt(BudgetRule rule, DateTimeOffset windowStart) =>
        (BudgetWindows.End(rule.Period, windowStart) + KeepEndedWindows).ToUnixTimeMilliseconds();

    private string WindowKey(string partition, BudgetRule rule, DateTimeOffset windowStart) =>
        $"{prefix}:{{{partition}}}:budget:{UsageScopes.Name(rule.Scope)}:{rule.ScopeId}:{BudgetWindows.Name(rule.Period)}:{windowStart.ToUnixTimeSeconds()}";
}
