using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// Small JSON helpers for the Foundation Models API, whose int64 fields arrive as strings
/// (<c>"inputTextTokens": "19"</c>, proto3 JSON mapping) and sometimes as numbers. Stateless.
/// </summary>
internal static class YandexJson
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>An int64 field written as a string or a number; 0 when missing or not a number.</summary>
    public static long Int(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
    }

    /// <summary>A double written as a number or a string (how proto3 JSON may render repeated doubles).</summary>
    public static double Double(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.GetDouble();

    public static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An object-valued field; false (not an exception) when <paramref name="parent"/> is no object or is missing.</summary>
    public static bool TryObject(JsonElement parent, string name, out JsonElement value)
    {
        value = default;
        return parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;
    }

    public static bool TryArray(JsonElement parent, string name, out JsonElement value)
    {
        value = default;
        return parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Array;
    }

    /// <summary>The compact JSON text of <paramref name="element"/> (tool call arguments as OpenAI's JSON string).</summary>
    public static string Compact(JsonElement element) => System.Text.Encoding.UTF8.GetString(OpenAiShapes.Write(element.WriteTo));

    public static ByteArrayContent Content(byte[] json) => new(json) { Headers = { ContentType = Json } };
}
