using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>JSON values as compact text, non-ASCII kept as is (the form a model writes and a grammar literal matches).</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><paramref name="text"/> as a JSON string literal.</summary>
    public static string Quoted(string text) => JsonSerializer.Serialize(text, SerializerOptions);

    public static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
