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

    /// <summary>
    /// The preference a request runs with: a key bound to <c>local-only</c> stays local whatever the
    /// header says; otherwise the header wins over the key's default. An unreadable key setting counts
    /// as local-only: when in doubt, data stays on-premises.
    /// </summary>
    public static RoutePreference Combine(string? keyRoute, RoutePreference requested)
    {
        var keyPreference = RoutePreference.None;
        if (keyRoute is not null && !TryParse(keyRoute, out keyPreference))
        {
            keyPreference = RoutePreference.LocalOnly;
        }

        return keyPreference == RoutePreference.LocalOnly ? RoutePreference.LocalOnly
            : requested != RoutePreference.None ? requested
            : keyPreference;
    }
}
