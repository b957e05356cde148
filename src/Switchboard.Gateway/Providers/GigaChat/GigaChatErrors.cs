using System.Net;
using System.Text;
using System.Text.Json;
using static Switchboard.Gateway.Providers.GigaChat.GigaChatJson;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>
/// GigaChat's error answers (<c>{"status":422,"message":"…"}</c>, from the OAuth service
/// <c>{"code":6,"message":"…"}</c>, or plain text) in OpenAI's shape with the status kept, except that a
/// prompt over the model's context becomes 400 <c>context_length_exceeded</c>, which the relay fails
/// over on. Stateless.
/// </summary>
internal static class GigaChatErrors
{
    // GigaChat states the limit in its messages, not in a code; these are the phrasings it and its gateway use.
    private static readonly string[] ContextMarkers =
    [
        "context length",
        "context size",
        "context window",
        "maximum context",
        "tokens limit",
        "token limit",
        "too many tokens",
        "too long",
        "контекст",
    ];

    public static (HttpStatusCode Status, byte[] Body) Translate(HttpStatusCode status, ReadOnlySpan<byte> native)
    {
        var message = MessageOf(native);
        if ((int)status is 400 or 413 or 422 && message is not null && Array.Exists(ContextMarkers, m => message.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return (HttpStatusCode.BadRequest,
                OpenAiShapes.Error(message, OpenAiShapes.ErrorType(HttpStatusCode.BadRequest), OpenAiShapes.ContextLengthExceeded));
        }

        var text = string.IsNullOrWhiteSpace(message) ? $"GigaChat answered HTTP {(int)status}" : $"GigaChat: {message}";
        return (status, OpenAiShapes.Error(text, OpenAiShapes.ErrorType(status)));
    }

    private static string? MessageOf(ReadOnlySpan<byte> native)
    {
        if (native.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(native);
            using var document = JsonDocument.ParseValue(ref reader);
            return StringOf(document.RootElement, "message");
        }
        catch (JsonException)
        {
            // A proxy's HTML or plain text: kept short, it is shown to the client.
            var text = Encoding.UTF8.GetString(native).Trim();
            return text.Length > 200 || text.StartsWith('<') ? null : text;
        }
    }
}
