namespace Switchboard.Server.Web.Markdown;

/// <summary>
/// Which link targets model output may carry: http, https and mailto, and relative links. Anything else — javascript:,
/// data:, vbscript:, also when disguised with whitespace or control characters, which browsers ignore — is refused.
/// </summary>
internal static class SafeUrls
{
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        var compact = new string([.. url.Where(c => c > ' ' && c != '\u007f')]).ToLowerInvariant();
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            // Relative (no scheme), but never protocol-relative (//host), which leaves the site.
            return !compact.StartsWith("//", StringComparison.Ordinal) && !compact.StartsWith("\\\\", StringComparison.Ordinal);
        }

        var scheme = compact[..colon];
        return scheme is "http" or "https" or "mailto";
    }
}
