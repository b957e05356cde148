using StackExchange.Redis;
using Switchboard.Gateway.Accounting;

namespace Switchboard.Gateway.Limits;

/// <summary>
/// The limits counted in Redis, so they hold across every gateway process using the same server: one Lua
/// script per request checks and updates all of its scopes atomically (one round trip), another releases.
/// A request's keys share a hash tag (its tenant), so the scripts also run on Redis Cluster. Time comes from
/// the gateway's clock (processes are assumed NTP-synchronised); concurrency slots expire after
/// <c>limits.leaseSeconds</c> if a process dies holding them. Thread-safe.
/// </summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, TimeSpan leaseTime, string prefix = RedisRateLimiter.DefaultPrefix) : IRateLimiter
{
    public const string DefaultPrefix = "sb";

    private const string AcquireScript = """
        local now = tonumber(ARGV[1])
        local sec = math.floor(now / 1000)
        local lo = sec - 60
        local tokens = tonumber(ARGV[3])
        local lease_ms = tonumber(ARGV[4])
        local counts = ARGV[5] == '1'
        local function window(key)
          local flat = redis.call('HGETALL', key)
          local sum = 0
          local items = {}
          for i = 1, #flat, 2 do
            local s = tonumber(flat[i])
            if s <= lo then
              redis.call('HDEL', key, flat[i])
            else
              local c = tonumber(flat[i + 1])
              sum = sum + c
              items[#items + 1] = { s, c }
            end
          end
          return sum, items
        end
        local function retry(items, sum, need, limit)
          if need > limit then return -1 end
          table.sort(items, function(a, b) return a[1] < b[1] end)
          local freed = 0
          for _, it in ipairs(items) do
            freed = freed + it[2]
            if sum - freed + need <= limit then return (it[1] + 60) * 1000 - now end
          end
          return 60000
        end
        local n = #KEYS / 3
        for i = 0, n - 1 do
          local rpm = tonumber(ARGV[6 + i * 3])
          local tpm = tonumber(ARGV[7 + i * 3])
          local con = tonumber(ARGV[8 + i * 3])
          if counts and rpm >= 0 then
            local sum, items = window(KEYS[i * 3 + 1])
            if sum + 1 > rpm then return { i + 1, 0, retry(items, sum, 1, rpm) } end
          end
          if tpm >= 0 then
            local sum, items = window(KEYS[i * 3 + 2])
            if sum + tokens > tpm then return { i + 1, 1, retry(items, sum, tokens, tpm) } end
          end
          if counts and con >= 0 then
            redis.call('ZREMRANGEBYSCORE', KEYS[i * 3 + 3], '-inf', now)
            if redis.call('ZCARD', KEYS[i * 3 + 3]) + 1 > con then return { i + 1, 2, 1000 } end
          end
        end
        for i = 0, n - 1 do
          if counts and tonumber(ARGV[6 + i * 3]) >= 0 then
            redis.call('HINCRBY', KEYS[i * 3 + 1], sec, 1)
            redis.call('EXPIRE', KEYS[i * 3 + 1], 61)
          end
          if tonumber(ARGV[7 + i * 3]) >= 0 and tokens > 0 then
            redis.call('HINCRBY', KEYS[i * 3 + 2], sec, tokens)
            redis.call('EXPIRE', KEYS[i * 3 + 2], 61)
          end
          if counts and tonumber(ARGV[8 + i * 3]) >= 0 then
            redis.call('ZADD', KEYS[i * 3 + 3], now + lease_ms, ARGV[2])
            redis.call('PEXPIRE', KEYS[i * 3 + 3], lease_ms)
          end
        end
        return { 0, sec, 0 }
        """;

    // KEYS: per scope its tokens hash and its slots set. ARGV: now ms, lease, reserved second, delta, then per scope 'tokens' and 'slot' flags.
    private const string ReleaseScript = """
        local now = tonumber(ARGV[1])
        local sec = tonumber(ARGV[3])
        local delta = tonumber(ARGV[4])
        local n = #KEYS / 2
        for i = 0, n - 1 do
          if ARGV[5 + i * 2] == '1' and sec > math.floor(now / 1000) - 60 and redis.call('HEXISTS', KEYS[i * 2 + 1], sec) == 1 then
            local v = redis.call('HINCRBY', KEYS[i * 2 + 1], sec, delta)
            if v < 0 then redis.call('HSET', KEYS[i * 2 + 1], sec, 0) end
          end
          if ARGV[6 + i * 2] == '1' then
            redis.call('ZREM', KEYS[i * 2 + 2], ARGV[2])
          end
        end
        return 0
        """;

    private readonly long _leaseMs = (long)leaseTime.TotalMilliseconds;

    public async ValueTask<(RateLimitLease? Lease, RateLimitRefusal? Refusal)> AcquireAsync(RateLimitRequest request, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var scopes = request.Scopes;
        var keys = new RedisKey[scopes.Length * 3];
        var args = new RedisValue[5 + (scopes.Length * 3)];
        args[0] = now.ToUnixTimeMilliseconds();
        args[1] = request.LeaseId;
        args[2] = request.Tokens;
        args[3] = _leaseMs;
        args[4] = request.CountsRequest ? "1" : "0";
        for (var i = 0; i < scopes.Length; i++)
        {
            var key = KeyOf(request.Partition, scopes[i]);
            keys[i * 3] = key + ":r";
            keys[(i * 3) + 1] = key + ":t";
            keys[(i * 3) + 2] = key + ":c";
            var limits = scopes[i].Limits;
            args[5 + (i * 3)] = limits.RequestsPerMinute ?? -1;
            args[6 + (i * 3)] = limits.TokensPerMinute ?? -1;
            args[7 + (i * 3)] = limits.MaxConcurrent ?? -1;
        }

        var result = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, keys, args).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        if (result[0] == 0)
        {
            return (new RateLimitLease(request, result[1]), null);
        }

        var scope = scopes[result[0] - 1];
        var kind = (LimitKind)result[1];
        var limit = kind switch
        {
            LimitKind.RequestsPerMinute => scope.Limits.RequestsPerMinute!.Value,
            LimitKind.TokensPerMinute => scope.Limits.TokensPerMinute!.Value,
            _ => scope.Limits.MaxConcurrent!.Value,
        };
        TimeSpan? retryAfter = result[2] < 0 ? null : TimeSpan.FromMilliseconds(result[2]);
        return (null, new RateLimitRefusal(scope.Scope, scope.Id, kind, limit, retryAfter));
    }

    public async ValueTask ReleaseAsync(RateLimitLease lease, long actualTokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = lease.Request;
        var scopes = request.Scopes;
        var keys = new RedisKey[scopes.Length * 2];
        var args = new RedisValue[4 + (scopes.Length * 2)];
        args[0] = now.ToUnixTimeMilliseconds();
        args[1] = request.LeaseId;
        args[2] = lease.Second;
        args[3] = actualTokens - request.Tokens;
        var any = false;
        for (var i = 0; i < scopes.Length; i++)
        {
            var key = KeyOf(request.Partition, scopes[i]);
            keys[i * 2] = key + ":t";
            keys[(i * 2) + 1] = key + ":c";
            var tokens = scopes[i].Limits.TokensPerMinute is not null && actualTokens != request.Tokens;
            var slot = request.CountsRequest && scopes[i].Limits.MaxConcurrent is not null;
            args[4 + (i * 2)] = tokens ? "1" : "0";
            args[5 + (i * 2)] = slot ? "1" : "0";
            any |= tokens || slot;
        }

        if (any)
        {
            await redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, keys, args).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private string KeyOf(string partition, in ScopedLimit scope) => $"{prefix}:{{{partition}}}:limit:{UsageScopes.Name(scope.Scope)}:{scope.Id}";
}
