namespace Switchboard.Gateway.Auth;

/// <summary>Reads the key out of an <c>Authorization: Bearer &lt;key&gt;</c> header.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>The key, or false when the header is missing or not a bearer credential.</summary>
    public static bool TryRead(string? header, out ReadOnlySpan<char> key)
    {
        if (header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            key = header.AsSpan(Scheme.Length).Trim();
            return !key.IsEmpty;
        }

        key = default;
        return false;
    }
}
