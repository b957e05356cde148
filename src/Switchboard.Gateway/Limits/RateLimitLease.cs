namespace Switchboard.Gateway.Limits;

/// <summary>
/// An admitted request's hold on its limits: its concurrency slots and the tokens it reserved in the
/// window second <see cref="Second"/> (Unix seconds). Returned to the limiter once, when the request ends.
/// </summary>
internal sealed record RateLimitLease(RateLimitRequest Request, long Second);
