using System.Net;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// Turns a Foundation Models error (<c>{"error": {grpcCode, httpCode, message, httpStatus, details}}</c>, or a
/// bare google.rpc.Status <c>{code, message, details}</c>) into OpenAI's error shape: a prompt over the
/// model's limit becomes 400 <c>context_length_exceeded</c> so the relay fails over to a larger window; 429
/// stays a rate limit. Also maps the gRPC codes of failed asynchronous operations to HTTP statuses. Stateless.
/// </summary>
internal static class YandexErrors
{
    // How Yandex words "prompt too long" (e.g. "Number of input tokens must be no more than 8192, got 9012").
    private static readonly string[] ContextMarkers =
    [
        "number of input tokens must be no more than",
        "too many tokens",
        "exceeds the maximum",
        "maximum context length",
        "context length",
    ];

    public static (HttpStatusCode Status, byte[] Body) Translate(HttpStatusCode status, ReadOnlySpan<byte> native)
    {
        var message = MessageOf(native) ?? $"YandexGPT answered HTTP {(int)status}";
        if ((int)status is 400 or 413 or 422 && IsContextWindow(message))
        {
            return (HttpStatusCode.BadRequest, OpenAiShapes.Error(message, "invalid_request_error", OpenAiShapes.ContextLengthExceeded));
        }

        var code = (int)status switch
        {
            429 => "rate_limit_exceeded",
            401 => "invalid_api_key",
            _ => null,
        };
        return (status, OpenAiShapes.Error(message, OpenAiShapes.ErrorType(status), code));
    }

    public static bool IsContextWindow(string message) =>
        Array.Exists(ContextMarkers, marker => message.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>The HTTP status of a gRPC status code (google.rpc.Code), for errors of asynchronous operations.</summary>
    public static HttpStatusCode FromGrpcCode(long code) => code switch
    {
        3 or 9 or 11 => HttpStatusCode.BadRequest,
        16 => HttpStatusCode.Unauthorized,
        7 => HttpStatusCode.Forbidden,
        5 => HttpStatusCode.NotFound,
        8 => HttpStatusCode.TooManyRequests,
        14 => HttpStatusCode.ServiceUnavailable,
        4 => HttpStatusCode.GatewayTimeout,
        1 => (HttpStatusCode)499,
        _ => HttpStatusCode.InternalServerError,
    };

    private static string? MessageOf(ReadOnlySpan<byte> native)
    {
        try
        {
            var reader = new Utf8JsonReader(native);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var error = YandexJson.TryObject(root, "error", out var nested) ? nested : root;
            return YandexJson.String(error, "message") ?? (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
