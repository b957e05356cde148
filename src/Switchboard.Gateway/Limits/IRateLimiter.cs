namespace Switchboard.Gateway.Limits;

/// <summary>
/// Requests/min, tokens/min and concurrent requests per key, team and tenant. Windows slide over the last 60
/// seconds in one-second steps: a request is admitted when, in every scope, what the last 60 seconds used
/// plus what it asks for stays within the limit. Implementations are thread-safe and behave identically
/// (one conformance suite runs against all of them); the in-process one answers synchronously.
/// </summary>
internal interface IRateLimiter
{
    /// <summary>Admits the request in every scope at once (a lease), or in none (a refusal naming the first limit hit).</summary>
    ValueTask<(RateLimitLease? Lease, RateLimitRefusal? Refusal)> AcquireAsync(RateLimitRequest request, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a request: frees its concurrency slots and corrects its tokens/min reservation to <paramref name="actualTokens"/>
    /// (only while the second it was reserved in is still inside the window).
    /// </summary>
    ValueTask ReleaseAsync(RateLimitLease lease, long actualTokens, DateTimeOffset now, CancellationToken cancellationToken);
}
