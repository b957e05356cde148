using System.Text.Json;
using static Switchboard.Gateway.Providers.GigaChat.GigaChatJson;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>
/// Turns a GigaChat chat completion into OpenAI's: a <c>function_call</c> becomes one tool call (id made
/// here, arguments as a JSON string, finish reason <c>tool_calls</c>), <c>blacklist</c> becomes
/// <c>content_filter</c>, <c>precached_prompt_tokens</c> the cached part of the prompt. Stateless.
/// </summary>
internal static class GigaChatChatResponse
{
    /// <exception cref="JsonException">The body is not GigaChat's JSON.</exception>
    public static byte[] Translate(ReadOnlySpan<byte> native, string completionId)
    {
        var reader = new Utf8JsonReader(native);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            OpenAiShapes.WriteHeader(json, completionId, "chat.completion", LongOf(root, "created") ?? OpenAiShapes.Now(), StringOf(root, "model") ?? "");
            json.WriteStartArray("choices");
            if (TryGet(root, "choices", JsonValueKind.Array, out var choices))
            {
                var position = 0;
                foreach (var choice in choices.EnumerateArray())
                {
                    WriteChoice(json, choice, IntOf(choice, "index") ?? position);
                    position++;
                }
            }

            json.WriteEndArray();
            if (UsageOf(root) is { } usage)
            {
                OpenAiShapes.WriteUsage(json, usage);
            }

            json.WriteEndObject();
        });
    }

    private static void WriteChoice(Utf8JsonWriter json, JsonElement choice, int index)
    {
        var message = choice.TryGetProperty("message", out var m) ? m : default;
        var hasCall = TryGet(message, "function_call", JsonValueKind.Object, out var call);
        var content = StringOf(message, "content");
        json.WriteStartObject();
        json.WriteNumber("index", index);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        if (hasCall && string.IsNullOrEmpty(content))
        {
            // OpenAI's tool-call turn has no text; GigaChat's has an empty one.
            json.WriteNull("content");
        }
        else
        {
            json.WriteString("content", content ?? "");
        }

        if (hasCall)
        {
            json.WriteStartArray("tool_calls");
            WriteToolCall(json, call, OpenAiShapes.NewToolCallId(), includeIndex: false);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", hasCall ? "tool_calls" : FinishReason(StringOf(choice, "finish_reason")));
        json.WriteEndObject();
    }

    /// <summary>One OpenAI tool call (in a stream delta, with its <c>index</c>) from GigaChat's whole <c>function_call</c>.</summary>
    internal static void WriteToolCall(Utf8JsonWriter json, JsonElement call, string id, bool includeIndex)
    {
        json.WriteStartObject();
        if (includeIndex)
        {
            json.WriteNumber("index", 0);
        }

        json.WriteString("id", id);
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        json.WriteString("name", StringOf(call, "name") ?? "");
        json.WriteString("arguments", ArgumentsString(call.TryGetProperty("arguments", out var arguments) ? arguments : default));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
