namespace Switchboard.Gateway.Limits;

/// <summary>The three limits a key, team or tenant can have.</summary>
internal enum LimitKind
{
    RequestsPerMinute,
    TokensPerMinute,
    ConcurrentRequests,
}
