using System.Text.RegularExpressions;

namespace Switchboard.Server.Web.Components.Common;

/// <summary>
/// Snippets from the knowledge base are escaped text with <c>&lt;mark&gt;</c> around matched words. This keeps exactly
/// that: any other markup is escaped again, so a snippet can never carry an element or an attribute, whatever produced it.
/// </summary>
internal static partial class SafeSnippet
{
    public static string Html(string? snippet)
    {
        if (string.IsNullOrEmpty(snippet))
        {
            return "";
        }

        var parts = MarkTag().Split(snippet);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is not ("<mark>" or "</mark>"))
            {
                parts[i] = parts[i].Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
            }
        }

        return string.Concat(parts);
    }

    [GeneratedRegex("(</?mark>)")]
    private static partial Regex MarkTag();
}
