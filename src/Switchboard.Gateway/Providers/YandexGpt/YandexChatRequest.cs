using System.Globalization;
using System.Text.Json;
using Switchboard.Gateway.Relay;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// Turns an OpenAI chat completion request into a Foundation Models <c>completion</c> request:
/// options into <c>completionOptions</c> (<c>maxTokens</c> as a string, <c>reasoningOptions</c> only when the
/// client asked for reasoning), messages into <c>{role, text}</c>, assistant tool calls into
/// <c>toolCallList</c> with object arguments, and tool results into a user message with
/// <c>toolResultList</c> (named after the call they answer; consecutive results merged). Stateless.
/// </summary>
internal static class YandexChatRequest
{
    /// <summary>The native body; throws <see cref="ProviderException"/> for what YandexGPT cannot take (images, unknown roles).</summary>
    public static byte[] Write(ReadOnlyMemory<byte> openAiBody, string modelUri, bool stream)
    {
        using var document = JsonDocument.Parse(openAiBody);
        var root = document.RootElement;
        return OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("modelUri", modelUri);
            WriteCompletionOptions(json, root, stream);
            json.WriteStartArray("messages");
            if (YandexJson.TryArray(root, "messages", out var messages))
            {
                WriteMessages(json, messages);
            }

            json.WriteEndArray();
            WriteTools(json, root);
            WriteResponseFormat(json, root);
            json.WriteEndObject();
        });
    }

    private static void WriteCompletionOptions(Utf8JsonWriter json, JsonElement root, bool stream)
    {
        json.WriteStartObject("completionOptions");
        json.WriteBoolean("stream", stream);
        if (root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number)
        {
            json.WritePropertyName("temperature");
            temperature.WriteTo(json);
        }

        var maxTokens = root.TryGetProperty("max_completion_tokens", out var max) && max.ValueKind == JsonValueKind.Number ? max
            : root.TryGetProperty("max_tokens", out max) && max.ValueKind == JsonValueKind.Number ? max
            : default;
        if (maxTokens.ValueKind == JsonValueKind.Number && maxTokens.TryGetInt64(out var limit))
        {
            json.WriteString("maxTokens", limit.ToString(CultureInfo.InvariantCulture));
        }

        if (YandexJson.String(root, "reasoning_effort") is "low" or "medium" or "high")
        {
            // Yandex has no levels: reasoning is on (and hidden) or off.
            json.WriteStartObject("reasoningOptions");
            json.WriteString("mode", "ENABLED_HIDDEN");
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter json, JsonElement messages)
    {
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var pendingResults = new List<(string Name, string Content)>();
        foreach (var message in messages.EnumerateArray())
        {
            var role = YandexJson.String(message, "role");
            if (role == "tool")
            {
                var callId = YandexJson.String(message, "tool_call_id") ?? "";
                var name = toolNames.GetValueOrDefault(callId) ?? YandexJson.String(message, "name")
                    ?? throw new ProviderException(ErrorTypes.Unusable, $"tool message answers an unknown tool call '{callId}'");
                pendingResults.Add((name, MessageText.TextOnly(message, "YandexGPT")));
                continue;
            }

            FlushToolResults(json, pendingResults);
            switch (role)
            {
                case "system" or "developer":
                    WriteText(json, "system", MessageText.TextOnly(message, "YandexGPT"));
                    break;
                case "user":
                    WriteText(json, "user", MessageText.TextOnly(message, "YandexGPT"));
                    break;
                case "assistant":
                    WriteAssistant(json, message, toolNames);
                    break;
                default:
                    throw new ProviderException(ErrorTypes.Unusable, $"YandexGPT has no message role '{role}'");
            }
        }

        FlushToolResults(json, pendingResults);
    }

    private static void WriteAssistant(Utf8JsonWriter json, JsonElement message, Dictionary<string, string> toolNames)
    {
        var text = MessageText.TextOnly(message, "YandexGPT");
        var hasCalls = YandexJson.TryArray(message, "tool_calls", out var calls) && calls.GetArrayLength() > 0;
        if (text.Length > 0 || !hasCalls)
        {
            // A Yandex message holds text or tool calls, never both: text first, as the model said it.
            WriteText(json, "assistant", text);
        }

        if (!hasCalls)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("role", "assistant");
        json.WriteStartObject("toolCallList");
        json.WriteStartArray("toolCalls");
        foreach (var call in calls.EnumerateArray())
        {
            var function = call.TryGetProperty("function", out var f) ? f : default;
            var name = YandexJson.String(function, "name") ?? "";
            if (YandexJson.String(call, "id") is { } id)
            {
                toolNames[id] = name;
            }

            json.WriteStartObject();
            json.WriteStartObject("functionCall");
            json.WriteString("name", name);
            json.WritePropertyName("arguments");
            WriteArguments(json, YandexJson.String(function, "arguments"));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>OpenAI sends arguments as a JSON string; Yandex wants the object itself.</summary>
    private static void WriteArguments(Utf8JsonWriter json, string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            json.WriteStartObject();
            json.WriteEndObject();
            return;
        }

        try
        {
            using var parsed = JsonDocument.Parse(arguments);
            parsed.RootElement.WriteTo(json);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(ErrorTypes.Unusable, "tool call arguments are not JSON, which YandexGPT requires", ex);
        }
    }

    private static void FlushToolResults(Utf8JsonWriter json, List<(string Name, string Content)> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteStartObject("toolResultList");
        json.WriteStartArray("toolResults");
        foreach (var (name, content) in results)
        {
            json.WriteStartObject();
            json.WriteStartObject("functionResult");
            json.WriteString("name", name);
            json.WriteString("content", content);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        results.Clear();
    }

    private static void WriteText(Utf8JsonWriter json, string role, string text)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter json, JsonElement root)
    {
        if (YandexJson.TryArray(root, "tools", out var tools) && tools.GetArrayLength() > 0)
        {
            json.WriteStartArray("tools");
            foreach (var tool in tools.EnumerateArray())
            {
                if (YandexJson.String(tool, "type") is not ("function" or null) || !YandexJson.TryObject(tool, "function", out var function))
                {
                    throw new ProviderException(ErrorTypes.Unusable, "YandexGPT supports function tools only");
                }

                json.WriteStartObject();
                json.WriteStartObject("function");
                foreach (var field in new[] { "name", "description", "parameters", "strict" })
                {
                    if (function.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
                    {
                        json.WritePropertyName(field);
                        value.WriteTo(json);
                    }
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (root.TryGetProperty("parallel_tool_calls", out var parallel) && parallel.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            json.WriteBoolean("parallelToolCalls", parallel.GetBoolean());
        }

        if (root.TryGetProperty("tool_choice", out var choice))
        {
            WriteToolChoice(json, choice);
        }
    }

    private static void WriteToolChoice(Utf8JsonWriter json, JsonElement choice)
    {
        var mode = choice.ValueKind == JsonValueKind.String ? choice.GetString() switch
        {
            "none" => "NONE",
            "auto" => "AUTO",
            "required" => "REQUIRED",
            _ => null,
        } : null;
        var functionName = choice.ValueKind == JsonValueKind.Object && YandexJson.TryObject(choice, "function", out var function)
            ? YandexJson.String(function, "name")
            : null;
        if (mode is null && functionName is null)
        {
            return;
        }

        json.WriteStartObject("toolChoice");
        if (mode is not null)
        {
            json.WriteString("mode", mode);
        }
        else
        {
            json.WriteString("functionName", functionName);
        }

        json.WriteEndObject();
    }

    private static void WriteResponseFormat(Utf8JsonWriter json, JsonElement root)
    {
        if (!YandexJson.TryObject(root, "response_format", out var format))
        {
            return;
        }

        switch (YandexJson.String(format, "type"))
        {
            case "json_object":
                json.WriteBoolean("jsonObject", true);
                break;
            case "json_schema" when YandexJson.TryObject(format, "json_schema", out var schema) && schema.TryGetProperty("schema", out var body):
                json.WriteStartObject("jsonSchema");
                json.WritePropertyName("schema");
                body.WriteTo(json);
                json.WriteEndObject();
                break;
        }
    }
}
