namespace Switchboard.Gateway.Configuration;

/// <summary>
/// The <c>limits</c> section: where rate limits and budget reservations are kept and how requests are
/// estimated before they run (docs/limits-and-budgets.md). The limits themselves are stored per key, team
/// and tenant in the database, not here.
/// </summary>
public sealed record LimitsConfig
{
    /// <summary>
    /// A StackExchange.Redis connection string (<c>redis.internal:6379,password=…</c>) or <c>env:VARIABLE</c>.
    /// Set: limits and budgets are counted in Redis and hold across every process using it. Unset: in this
    /// process. Read at start-up; a change needs a restart.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Output tokens assumed for a request without <c>max_tokens</c>, in tokens/min and budget estimates.</summary>
    public int DefaultMaxTokens { get; set; } = 4096;

    /// <summary>How often limit and budget definitions are re-read from the database.</summary>
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>
    /// How long a Redis reservation (a concurrency slot, a budget reservation) lives when its process dies
    /// before releasing it. Longer than any request, streams included.
    /// </summary>
    public double LeaseSeconds { get; set; } = 900;
}
