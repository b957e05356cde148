namespace Switchboard.Gateway.Relay;

/// <summary>How one upstream attempt is run.</summary>
/// <param name="Timeout">Until the first byte (headers, and for a stream its first event).</param>
/// <param name="IdleTimeout">Between stream events once the stream has started.</param>
/// <param name="IsLast">No attempt follows: an upstream error is passed through instead of failing over.</param>
/// <param name="FailoverOnContentFilter">A content-filter refusal fails over instead of reaching the client.</param>
internal readonly record struct AttemptSettings(TimeSpan Timeout, TimeSpan IdleTimeout, bool IsLast, bool FailoverOnContentFilter);
