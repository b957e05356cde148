using System.Text.Json.Nodes;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Server.ControlPlane.Admin.Providers;

/// <summary>
/// Edits of the config document's <c>providers</c> and <c>models</c> arrays, and the masked view of providers: a
/// literal <c>apiKey</c> and header values show as <see cref="Masked"/> (an <c>env:</c> reference shows as written), and
/// <see cref="Masked"/> sent back means "keep the stored value".
/// </summary>
internal static class ConfigDocument
{
    public const string Masked = "***";

    public static JsonArray Array(JsonObject document, string name)
    {
        // The loader reads property names case-insensitively, so "Providers" is the same array.
        foreach (var (key, value) in document)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && value is JsonArray existing)
            {
                return existing;
            }
        }

        var created = new JsonArray();
        document[name] = created;
        return created;
    }

    public static int IndexOf(JsonArray items, string field, string value)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject item && Text(item, field) == value)
            {
                return i;
            }
        }

        return -1;
    }

    public static string? Text(JsonObject item, string field)
    {
        foreach (var (key, value) in item)
        {
            if (string.Equals(key, field, StringComparison.OrdinalIgnoreCase))
            {
                return value is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            }
        }

        return null;
    }

    /// <summary>A copy of a provider with its secrets masked.</summary>
    public static JsonObject MaskProvider(JsonObject provider)
    {
        var copy = provider.DeepClone().AsObject();
        foreach (var (key, value) in provider)
        {
            if (string.Equals(key, "apiKey", StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.TryGetValue<string>(out var secret)
                && secret.Length > 0 && !secret.StartsWith(GatewayConfigValidator.EnvPrefix, StringComparison.Ordinal))
            {
                copy[key] = Masked;
            }
            else if (string.Equals(key, "headers", StringComparison.OrdinalIgnoreCase) && value is JsonObject headers)
            {
                var masked = new JsonObject();
                foreach (var (header, _) in headers)
                {
                    masked[header] = Masked;
                }

                copy[key] = masked;
            }
        }

        return copy;
    }

    /// <summary>Puts the stored secrets back where <paramref name="incoming"/> sent <see cref="Masked"/> (or left the key out).</summary>
    public static void KeepSecrets(JsonObject incoming, JsonObject? stored)
    {
        if (stored is null)
        {
            return;
        }

        var storedKey = FindKey(stored, "apiKey");
        var incomingKey = FindKey(incoming, "apiKey");
        if (storedKey is not null && (incomingKey is null || Text(incoming, "apiKey") == Masked))
        {
            if (incomingKey is not null)
            {
                incoming.Remove(incomingKey);
            }

            incoming[storedKey] = stored[storedKey]!.DeepClone();
        }

        if (FindKey(incoming, "headers") is { } headersKey && incoming[headersKey] is JsonObject headers
            && FindKey(stored, "headers") is { } storedHeadersKey && stored[storedHeadersKey] is JsonObject storedHeaders)
        {
            foreach (var (name, value) in headers.ToList())
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text) && text == Masked && storedHeaders[name] is { } original)
                {
                    headers[name] = original.DeepClone();
                }
            }
        }
    }

    /// <summary>The names of the top-level fields that differ between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static List<string> ChangedFields(JsonObject? before, JsonObject after)
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in after)
        {
            if (before is null || !JsonNode.DeepEquals(value, Value(before, key)))
            {
                names.Add(key);
            }
        }

        if (before is not null)
        {
            foreach (var (key, _) in before)
            {
                if (FindKey(after, key) is null)
                {
                    names.Add(key);
                }
            }
        }

        return [.. names];
    }

    private static JsonNode? Value(JsonObject item, string field) => FindKey(item, field) is { } key ? item[key] : null;

    private static string? FindKey(JsonObject item, string field)
    {
        foreach (var (key, _) in item)
        {
            if (string.Equals(key, field, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }
}
