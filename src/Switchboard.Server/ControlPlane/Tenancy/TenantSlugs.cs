using System.Text.RegularExpressions;

namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>Tenant slugs: 1–63 lower-case letters, digits and hyphens, starting with a letter or digit.</summary>
internal static partial class TenantSlugs
{
    public static bool IsValid(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
