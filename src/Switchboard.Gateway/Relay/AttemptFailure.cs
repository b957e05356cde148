namespace Switchboard.Gateway.Relay;

/// <summary>Why one upstream attempt failed before anything reached the client.</summary>
/// <param name="ErrorType">Short class for logs and metrics: <c>connection</c>, <c>timeout</c>, <c>rate_limited</c>, <c>upstream_5xx</c>, <c>unusable</c>.</param>
/// <param name="Detail">Safe to show to the client: never an upstream URL or credential.</param>
/// <param name="RetryAfter">For a 429: how long the upstream asked us to wait, when it said.</param>
internal readonly record struct AttemptFailure(string ErrorType, string Detail, TimeSpan? RetryAfter = null);
