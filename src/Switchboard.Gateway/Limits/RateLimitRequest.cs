namespace Switchboard.Gateway.Limits;

/// <summary>
/// What one request asks of the rate limiter: a place in every scope's limits, all or nothing. Immutable.
/// </summary>
/// <param name="Partition">Groups the scopes of one tenant (a Redis hash tag, so one script sees all their keys).</param>
/// <param name="Scopes">The request's key, team and tenant limits (at most one of each, in that order).</param>
/// <param name="Tokens">Tokens reserved in tokens/min windows: the prompt estimate plus <c>max_tokens</c>.</param>
/// <param name="CountsRequest">False for calls made inside another request (the knowledge base's): they use tokens but are not requests.</param>
/// <param name="LeaseId">Unique per request; names its concurrency slot.</param>
internal sealed record RateLimitRequest(string Partition, ScopedLimit[] Scopes, long Tokens, bool CountsRequest, string LeaseId);
