namespace Switchboard.Gateway.Limits;

/// <summary>The limits of one key, team or tenant; null means no limit of that kind.</summary>
internal readonly record struct LimitSet(int? RequestsPerMinute, int? TokensPerMinute, int? MaxConcurrent)
{
    public bool IsEmpty => RequestsPerMinute is null && TokensPerMinute is null && MaxConcurrent is null;

    /// <summary>Each limit from this set, or from <paramref name="fallback"/> where this one has none.</summary>
    public LimitSet Or(LimitSet fallback) =>
        new(RequestsPerMinute ?? fallback.RequestsPerMinute, TokensPerMinute ?? fallback.TokensPerMinute, MaxConcurrent ?? fallback.MaxConcurrent);
}
