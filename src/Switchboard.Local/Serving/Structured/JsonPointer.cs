using System.Globalization;
using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>Resolves <c>#/a/b/0</c> (RFC 6901 in a URI fragment) inside one JSON document.</summary>
internal static class JsonPointer
{
    /// <summary>The element <paramref name="fragment"/> names, or null when there is none.</summary>
    public static JsonElement? Resolve(JsonElement document, string fragment)
    {
        var pointer = Uri.UnescapeDataString(fragment.TrimStart('#'));
        var current = document;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
