using System.Text.Json;

namespace Switchboard.Gateway.Protocol;

/// <summary>
/// Recognises "prompt too long for this model" in the error bodies of the servers we relay to, so the
/// request can fail over to a deployment with a larger window instead of failing. Known shapes:
/// <list type="bullet">
/// <item>OpenAI: <c>{"error":{"code":"context_length_exceeded","message":"This model's maximum context length is …"}}</c></item>
/// <item>vLLM: <c>{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested …","code":400}</c></item>
/// <item>llama.cpp server: <c>{"error":{"type":"exceed_context_size_error","message":"the request exceeds the available context size …"}}</c></item>
/// <item>Ollama <c>/v1</c>: <c>{"error":{"message":"… input length exceeds the context length …"}}</c></item>
/// </list>
/// Only called for 400/413 responses; the body is small. Stateless.
/// </summary>
internal static class ContextWindowErrors
{
    private static readonly string[] MessageMarkers =
    [
        "maximum context length",
        "exceeds the available context size",
        "exceeds the context length",
        "context length exceeded",
        "context window",
        "too many tokens",
    ];

    public static bool IsContextWindowExceeded(int status, ReadOnlyMemory<byte> body)
    {
        if (status is not (400 or 413) || body.IsEmpty)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object
                ? nested
                : root;
            if (error.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (StringOf(error, "code") is "context_length_exceeded" || StringOf(error, "type") is "exceed_context_size_error")
            {
                return true;
            }

            var message = StringOf(error, "message") ?? (error.ValueKind == JsonValueKind.String ? error.GetString() : null);
            return message is not null && Array.Exists(MessageMarkers, m => message.Contains(m, StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
