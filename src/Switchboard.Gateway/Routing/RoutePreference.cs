namespace Switchboard.Gateway.Routing;

/// <summary>The caller's routing wish, from the <c>x-switchboard-route</c> header.</summary>
internal enum RoutePreference
{
    None,

    /// <summary>Only deployments of providers marked <c>local</c>; never a cloud one, whatever fails.</summary>
    LocalOnly,

    /// <summary>Local deployments first, cloud ones as fallback.</summary>
    PreferLocal,

    /// <summary>The <c>cost-aware</c> policy for this request.</summary>
    Cheapest,

    /// <summary>The <c>lowest-latency</c> policy for this request.</summary>
    Fastest,
}

internal static class RoutePreferences
{
    public const string Header = "x-switchboard-route";

    public static bool TryParse(string? value, out RoutePreference preference)
    {
        preference = value?.Trim().ToLowerInvariant() switch
        {
            null or "" => RoutePreference.None,
            "local-only" => RoutePreference.LocalOnly,
            "prefer-local" => RoutePreference.PreferLocal,
            "cheapest" => RoutePreference.Cheapest,
            "fastest" => RoutePreference.Fastest,
            _ => (RoutePreference)(-1),
        };
        return preference >= 0;
    }
}
