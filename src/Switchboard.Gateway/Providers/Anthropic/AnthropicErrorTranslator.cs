using System.Net;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// Messages API errors (<c>{"type":"error","error":{"type":…,"message":…}}</c>) in OpenAI's shape. The
/// status is kept, except 529 (overloaded), which OpenAI clients and the relay know as 503. The code is
/// Anthropic's error type (e.g. <c>rate_limit_error</c>), except that "prompt is too long" becomes
/// <c>context_length_exceeded</c> so the relay can fail over to a larger window. Headers such as
/// <c>retry-after</c> stay on the response. Stateless.
/// </summary>
internal static class AnthropicErrorTranslator
{
    private const int Overloaded = 529;

    public static HttpStatusCode StatusOf(HttpStatusCode native) =>
        (int)native == Overloaded ? HttpStatusCode.ServiceUnavailable : native;

    /// <summary>An OpenAI error body for a native error body; never throws, whatever the provider sent.</summary>
    public static byte[] Translate(byte[] native, HttpStatusCode status)
    {
        var (type, message) = Parse(native);
        return Error(message ?? $"Anthropic answered HTTP {(int)status}", type, status);
    }

    /// <summary>The OpenAI error for an Anthropic error type and message (also used for errors inside a stream).</summary>
    public static byte[] Error(string message, string? anthropicType, HttpStatusCode status)
    {
        var code = status == HttpStatusCode.BadRequest && IsPromptTooLong(anthropicType, message)
            ? OpenAiShapes.ContextLengthExceeded
            : anthropicType;
        return OpenAiShapes.Error(message, OpenAiShapes.ErrorType(status), code);
    }

    /// <summary>The HTTP status Anthropic documents for an error type, for errors that arrive inside a stream.</summary>
    public static HttpStatusCode StatusOfType(string? anthropicType) => anthropicType switch
    {
        "invalid_request_error" => HttpStatusCode.BadRequest,
        "authentication_error" => HttpStatusCode.Unauthorized,
        "permission_error" => HttpStatusCode.Forbidden,
        "not_found_error" => HttpStatusCode.NotFound,
        "request_too_large" => HttpStatusCode.RequestEntityTooLarge,
        "rate_limit_error" => HttpStatusCode.TooManyRequests,
        "overloaded_error" => HttpStatusCode.ServiceUnavailable,
        _ => HttpStatusCode.InternalServerError,
    };

    /// <summary>Reads <c>error.type</c> and <c>error.message</c> of a native error body (either may be null).</summary>
    public static (string? Type, string? Message) Parse(ReadOnlySpan<byte> native)
    {
        try
        {
            var reader = new Utf8JsonReader(native);
            using var document = JsonDocument.ParseValue(ref reader);
            return ParseError(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The type and message of an element that holds an <c>error</c> object.</summary>
    public static (string? Type, string? Message) ParseError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        return (StringOf(error, "type"), StringOf(error, "message"));
    }

    private static bool IsPromptTooLong(string? type, string message) =>
        type is null or "invalid_request_error" && message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase);

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
