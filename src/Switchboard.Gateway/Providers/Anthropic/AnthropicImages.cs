using System.Text.Json;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// OpenAI <c>image_url</c> parts as Messages API image blocks: a <c>data:&lt;media type&gt;;base64,</c> URL
/// becomes a base64 source, an http(s) URL a url source (Anthropic fetches it). Anything else is refused.
/// Stateless.
/// </summary>
internal static class AnthropicImages
{
    private const string Base64Marker = ";base64,";

    public static Action<Utf8JsonWriter> Block(string url)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var marker = url.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
            if (marker < 0)
            {
                throw AnthropicRequestTranslator.Refuse("image data: URLs must be base64-encoded for Anthropic");
            }

            var mediaType = url[5..marker];
            var data = url[(marker + Base64Marker.Length)..];
            return json => Write(json, source =>
            {
                source.WriteString("type", "base64");
                source.WriteString("media_type", mediaType);
                source.WriteString("data", data);
            });
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
        {
            return json => Write(json, source =>
            {
                source.WriteString("type", "url");
                source.WriteString("url", url);
            });
        }

        throw AnthropicRequestTranslator.Refuse("image URLs must be data: or http(s) URLs for Anthropic");
    }

    private static void Write(Utf8JsonWriter json, Action<Utf8JsonWriter> writeSource)
    {
        json.WriteStartObject();
        json.WriteString("type", "image");
        json.WriteStartObject("source");
        writeSource(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
