using System.Text.Json;
using Switchboard.Gateway.Relay;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// Turns an OpenAI chat completions body into a Messages API body. Mapped: <c>messages</c> (see
/// <see cref="AnthropicMessageTranslator"/>), <c>max_completion_tokens</c> / <c>max_tokens</c> (else the
/// configured default, the field being required), <c>temperature</c>, <c>top_p</c>, <c>stop</c> →
/// <c>stop_sequences</c>, function <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls: false</c> →
/// <c>disable_parallel_tool_use</c>, <c>stream</c>, <c>user</c> → <c>metadata.user_id</c>. Dropped because
/// the Messages API has no equivalent: <c>stream_options</c> (usage always comes), <c>frequency_penalty</c>,
/// <c>presence_penalty</c>, <c>logit_bias</c>, <c>logprobs</c>, <c>top_logprobs</c>, <c>seed</c>,
/// <c>response_format</c>, <c>reasoning_effort</c>, <c>service_tier</c>, <c>store</c>, OpenAI's
/// <c>metadata</c>, <c>modalities</c>, <c>audio</c>, <c>prediction</c>, <c>web_search_options</c> and any
/// other field. Refused (<see cref="ProviderException"/>, so the relay tries another deployment):
/// <c>n</c> above 1 and content the API cannot take. Stateless.
/// </summary>
internal static class AnthropicRequestTranslator
{
    public static byte[] Translate(ReadOnlyMemory<byte> openAiBody, string model, int defaultMaxTokens)
    {
        try
        {
            using var document = JsonDocument.Parse(openAiBody);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Refuse("the request body is not a JSON object");
            }

            if (root.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number && n.GetInt32() > 1)
            {
                throw Refuse("Anthropic returns one choice per request; n above 1 is not supported");
            }

            var conversation = AnthropicMessageTranslator.Translate(root.TryGetProperty("messages", out var messages) ? messages : default);
            return OpenAiShapes.Write(json => WriteBody(json, root, conversation, model, defaultMaxTokens));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw Refuse("the request could not be translated for Anthropic: " + ex.Message, ex);
        }
    }

    internal static ProviderException Refuse(string message, Exception? inner = null) => new(ErrorTypes.Unusable, message, inner);

    private static void WriteBody(Utf8JsonWriter json, JsonElement root, AnthropicConversation conversation, string model, int defaultMaxTokens)
    {
        json.WriteStartObject();
        json.WriteString("model", model);
        json.WriteNumber("max_tokens", MaxTokens(root) ?? defaultMaxTokens);
        if (conversation.System is { } system)
        {
            json.WriteString("system", system);
        }

        json.WriteStartArray("messages");
        foreach (var turn in conversation.Turns)
        {
            turn.WriteTo(json);
        }

        json.WriteEndArray();
        WriteStopSequences(json, root);
        CopyNumber(json, root, "temperature");
        CopyNumber(json, root, "top_p");
        AnthropicToolTranslator.WriteTools(json, root);
        if (root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.String)
        {
            json.WriteStartObject("metadata");
            json.WriteString("user_id", user.GetString());
            json.WriteEndObject();
        }

        if (root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            json.WriteBoolean("stream", true);
        }

        json.WriteEndObject();
    }

    private static int? MaxTokens(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["max_completion_tokens", "max_tokens"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetInt32();
            }
        }

        return null;
    }

    private static void WriteStopSequences(Utf8JsonWriter json, JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return;
        }

        json.WriteStartArray("stop_sequences");
        if (stop.ValueKind == JsonValueKind.String)
        {
            json.WriteStringValue(stop.GetString());
        }
        else
        {
            foreach (var sequence in stop.EnumerateArray())
            {
                if (sequence.ValueKind == JsonValueKind.String)
                {
                    json.WriteStringValue(sequence.GetString());
                }
            }
        }

        json.WriteEndArray();
    }

    private static void CopyNumber(Utf8JsonWriter json, JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
        {
            json.WritePropertyName(name);
            value.WriteTo(json);
        }
    }
}
