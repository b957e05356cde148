using System.Text;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// A Messages API message as an OpenAI chat completion: text blocks concatenated into
/// <c>message.content</c>, <c>tool_use</c> blocks as <c>tool_calls</c> (the input object re-serialised as
/// the arguments string), <c>stop_reason</c> as <c>finish_reason</c>, usage per <see cref="AnthropicUsage"/>,
/// id <c>chatcmpl-&lt;message id&gt;</c>. Thinking and server-tool blocks are not shown. Stateless.
/// </summary>
internal static class AnthropicResponseTranslator
{
    /// <summary>Translates a whole message body; a body that is not one reads as a broken response (IOException), which fails over.</summary>
    public static byte[] Translate(byte[] native, long created, string fallbackModel)
    {
        try
        {
            using var document = JsonDocument.Parse(native);
            return OpenAiShapes.Write(json => WriteCompletion(json, document.RootElement, created, fallbackModel));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new IOException("the provider's answer was not a Messages API message", ex);
        }
    }

    private static void WriteCompletion(Utf8JsonWriter json, JsonElement message, long created, string fallbackModel)
    {
        var text = new StringBuilder();
        var toolUses = new List<JsonElement>();
        foreach (var block in message.GetProperty("content").EnumerateArray())
        {
            var type = block.GetProperty("type");
            if (type.ValueEquals("text"))
            {
                text.Append(block.GetProperty("text").GetString());
            }
            else if (type.ValueEquals("tool_use"))
            {
                toolUses.Add(block);
            }
        }

        var usage = new AnthropicUsage();
        usage.Update(message.TryGetProperty("usage", out var u) ? u : default);
        var stopReason = message.TryGetProperty("stop_reason", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;

        json.WriteStartObject();
        OpenAiShapes.WriteHeader(json, "chatcmpl-" + message.GetProperty("id").GetString(), "chat.completion", created, ModelOf(message, fallbackModel));
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        if (text.Length == 0 && toolUses.Count > 0)
        {
            json.WriteNull("content");
        }
        else
        {
            json.WriteString("content", text.ToString());
        }

        if (toolUses.Count > 0)
        {
            json.WriteStartArray("tool_calls");
            foreach (var toolUse in toolUses)
            {
                WriteToolCall(json, toolUse);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", AnthropicStopReasons.ToFinishReason(stopReason) ?? "stop");
        json.WriteEndObject();
        json.WriteEndArray();
        OpenAiShapes.WriteUsage(json, usage.ToOpenAi());
        json.WriteEndObject();
    }

    private static void WriteToolCall(Utf8JsonWriter json, JsonElement toolUse)
    {
        json.WriteStartObject();
        json.WriteString("id", toolUse.GetProperty("id").GetString());
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        json.WriteString("name", toolUse.GetProperty("name").GetString());
        json.WriteString("arguments", toolUse.TryGetProperty("input", out var input) ? Compact(input) : "{}");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The input as a compact JSON string, whatever whitespace the provider used.</summary>
    private static string Compact(JsonElement input) => Encoding.UTF8.GetString(OpenAiShapes.Write(input.WriteTo));

    internal static string ModelOf(JsonElement message, string fallbackModel) =>
        message.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString()! : fallbackModel;
}
