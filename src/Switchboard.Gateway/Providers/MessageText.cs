using System.Text;
using System.Text.Json;
using Switchboard.Gateway.Relay;

namespace Switchboard.Gateway.Providers;

/// <summary>The text of an OpenAI chat message, for providers that take text only (YandexGPT, GigaChat).</summary>
internal static class MessageText
{
    /// <summary>
    /// <c>content</c> as a string, or its text parts joined by newlines. Any other part (image, audio,
    /// file) makes the deployment unusable for this request, so the router can try one that takes it.
    /// </summary>
    public static string TextOnly(JsonElement message, string provider)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    var type = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (type is not ("text" or null))
                    {
                        throw new ProviderException(ErrorTypes.Unusable, $"{provider} accepts text only, not '{type}' content");
                    }

                    if (text.Length > 0)
                    {
                        text.Append('\n');
                    }

                    text.Append(part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : "");
                }

                return text.ToString();
            default:
                return "";
        }
    }
}
