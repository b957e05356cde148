using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Gateway.Providers;

/// <summary>
/// Writers of the OpenAI shapes adapters produce: error bodies, chat completions, stream chunks and the
/// usage chunk. One place, so every translated provider looks the same to clients and to the relay.
/// </summary>
internal static class OpenAiShapes
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Error codes the relay's failover understands (<c>Protocol.ContextWindowErrors</c>, <c>Protocol.ContentFilterResponses</c>).</summary>
    public const string ContextLengthExceeded = "context_length_exceeded";

    public const string ContentFilter = "content_filter";

    /// <summary>An error body in OpenAI's shape.</summary>
    public static byte[] Error(string message, string type, string? code = null) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        if (code is null)
        {
            json.WriteNull("code");
        }
        else
        {
            json.WriteString("code", code);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    });

    /// <summary>OpenAI's error type for an HTTP status.</summary>
    public static string ErrorType(HttpStatusCode status) => (int)status switch
    {
        400 or 404 or 413 or 422 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        429 => "rate_limit_error",
        _ => "server_error",
    };

    /// <summary>Writes the opening fields every completion and chunk share.</summary>
    public static void WriteHeader(Utf8JsonWriter json, string id, string objectType, long created, string model)
    {
        json.WriteString("id", id);
        json.WriteString("object", objectType);
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    /// <summary>Writes <c>"usage": {...}</c> with OpenAI's fields, including the detail objects when known.</summary>
    public static void WriteUsage(Utf8JsonWriter json, TokenUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.Prompt);
        json.WriteNumber("completion_tokens", usage.Completion);
        json.WriteNumber("total_tokens", usage.Prompt + usage.Completion);
        if (usage.Cached is { } cached)
        {
            json.WriteStartObject("prompt_tokens_details");
            json.WriteNumber("cached_tokens", cached);
            json.WriteEndObject();
        }

        if (usage.Reasoning is { } reasoning)
        {
            json.WriteStartObject("completion_tokens_details");
            json.WriteNumber("reasoning_tokens", reasoning);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One stream chunk with one choice: <paramref name="writeDelta"/> fills its <c>delta</c> object.</summary>
    public static void WriteDeltaChunk(Utf8JsonWriter json, string id, long created, string model, int choiceIndex,
        Action<Utf8JsonWriter> writeDelta, string? finishReason)
    {
        json.WriteStartObject();
        WriteHeader(json, id, "chat.completion.chunk", created, model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", choiceIndex);
        json.WriteStartObject("delta");
        writeDelta(json);
        json.WriteEndObject();
        json.WriteNull("logprobs");
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The last chunk of a stream: no choices, only usage (the relay hides it from clients that did not ask).</summary>
    public static void WriteUsageChunk(Utf8JsonWriter json, string id, long created, string model, TokenUsage usage)
    {
        json.WriteStartObject();
        WriteHeader(json, id, "chat.completion.chunk", created, model);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        WriteUsage(json, usage);
        json.WriteEndObject();
    }

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    /// <summary>An id for a tool call the provider gave none (GigaChat, YandexGPT).</summary>
    public static string NewToolCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}

/// <summary>Token counts in OpenAI's terms: prompt includes cached; completion includes reasoning.</summary>
internal readonly record struct TokenUsage(int Prompt, int Completion, int? Cached = null, int? Reasoning = null);
