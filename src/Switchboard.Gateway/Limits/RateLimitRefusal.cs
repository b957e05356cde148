using Switchboard.Gateway.Accounting;

namespace Switchboard.Gateway.Limits;

/// <summary>Which limit refused a request, and when trying again can succeed (null: never, the request is larger than the limit).</summary>
internal sealed record RateLimitRefusal(UsageScope Scope, string Id, LimitKind Kind, long Limit, TimeSpan? RetryAfter);
