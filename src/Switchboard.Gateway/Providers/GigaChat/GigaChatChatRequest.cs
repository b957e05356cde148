using System.Text;
using System.Text.Json;
using Switchboard.Gateway.Relay;
using static Switchboard.Gateway.Providers.GigaChat.GigaChatJson;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>
/// Turns an OpenAI chat request into GigaChat's <c>POST /chat/completions</c> body. Tools become
/// <c>functions</c>, <c>tool_choice</c> becomes <c>function_call</c>, an assistant's tool call becomes a
/// <c>function_call</c> (GigaChat calls one function at a time, so only a turn's first call is kept and
/// the results of the others are left out) and a tool result becomes a <c>function</c> message named
/// after its call, whose content must be JSON. Throws <see cref="ProviderException"/> when the request
/// uses something GigaChat cannot take. Stateless.
/// </summary>
internal static class GigaChatChatRequest
{
    public static byte[] Build(ReadOnlyMemory<byte> openAiBody, string model, bool stream)
    {
        using var document = ParseBody(openAiBody);
        var root = document.RootElement;
        if (!TryGet(root, "messages", JsonValueKind.Array, out var messages))
        {
            throw Unusable("the request has no messages");
        }

        return OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            WriteMessages(json, messages);
            CopyNumber(json, root, "temperature");
            CopyNumber(json, root, "top_p");
            CopyNumber(json, root, root.TryGetProperty("max_completion_tokens", out _) ? "max_completion_tokens" : "max_tokens", "max_tokens");
            // GigaChat's own knob, passed only when the client set it: frequency_penalty means something else.
            CopyNumber(json, root, "repetition_penalty");
            json.WriteBoolean("stream", stream);
            WriteFunctions(json, root);
            json.WriteEndObject();
        });
    }

    internal static JsonDocument ParseBody(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(ErrorTypes.Unusable, "the request body is not valid JSON", ex);
        }
    }

    internal static ProviderException Unusable(string reason) => new(ErrorTypes.Unusable, "GigaChat cannot take this request: " + reason);

    private static void CopyNumber(Utf8JsonWriter json, JsonElement root, string from, string? to = null)
    {
        if (TryGet(root, from, JsonValueKind.Number, out var value))
        {
            json.WritePropertyName(to ?? from);
            value.WriteTo(json);
        }
    }

    private static void WriteMessages(Utf8JsonWriter json, JsonElement messages)
    {
        // Tool call id → function name, for the results; ids of calls GigaChat never saw, to drop their results.
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var droppedCalls = new HashSet<string>(StringComparer.Ordinal);
        json.WriteStartArray("messages");
        foreach (var message in messages.EnumerateArray())
        {
            var role = StringOf(message, "role");
            switch (role)
            {
                case "system" or "developer":
                    WriteMessage(json, "system", MessageText.TextOnly(message, "GigaChat"));
                    break;
                case "user":
                    WriteMessage(json, "user", MessageText.TextOnly(message, "GigaChat"));
                    break;
                case "assistant":
                    WriteAssistant(json, message, callNames, droppedCalls);
                    break;
                case "tool":
                    WriteToolResult(json, message, callNames, droppedCalls);
                    break;
                case "function":
                    WriteFunctionResult(json, StringOf(message, "name") ?? throw Unusable("a function message has no name"), MessageText.TextOnly(message, "GigaChat"));
                    break;
                default:
                    throw Unusable($"GigaChat has no message role '{role}'");
            }
        }

        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    private static void WriteAssistant(Utf8JsonWriter json, JsonElement message, Dictionary<string, string> callNames, HashSet<string> droppedCalls)
    {
        json.WriteStartObject();
        json.WriteString("role", "assistant");
        json.WriteString("content", MessageText.TextOnly(message, "GigaChat"));
        if (TryGet(message, "tool_calls", JsonValueKind.Array, out var calls) && calls.GetArrayLength() > 0)
        {
            var first = calls[0];
            var function = first.TryGetProperty("function", out var f) ? f : default;
            var name = StringOf(function, "name") ?? throw Unusable("a tool call has no function name");
            WriteFunctionCall(json, name, StringOf(function, "arguments"));
            if (StringOf(first, "id") is { } id)
            {
                callNames[id] = name;
            }

            for (var i = 1; i < calls.GetArrayLength(); i++)
            {
                if (StringOf(calls[i], "id") is { } otherId)
                {
                    droppedCalls.Add(otherId);
                }
            }
        }
        else if (TryGet(message, "function_call", JsonValueKind.Object, out var legacy))
        {
            WriteFunctionCall(json, StringOf(legacy, "name") ?? throw Unusable("a function call has no name"), StringOf(legacy, "arguments"));
        }

        json.WriteEndObject();
    }

    private static void WriteFunctionCall(Utf8JsonWriter json, string name, string? arguments)
    {
        json.WriteStartObject("function_call");
        json.WriteString("name", name);
        json.WritePropertyName("arguments");
        // OpenAI carries arguments as a JSON string; GigaChat wants the object itself.
        try
        {
            using var parsed = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Unusable($"the arguments of a call to '{name}' are not a JSON object");
            }

            parsed.RootElement.WriteTo(json);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(ErrorTypes.Unusable, $"GigaChat cannot take this request: the arguments of a call to '{name}' are not JSON", ex);
        }

        json.WriteEndObject();
    }

    private static void WriteToolResult(Utf8JsonWriter json, JsonElement message, Dictionary<string, string> callNames, HashSet<string> droppedCalls)
    {
        var callId = StringOf(message, "tool_call_id") ?? "";
        if (droppedCalls.Contains(callId))
        {
            return;
        }

        var name = callNames.GetValueOrDefault(callId) ?? StringOf(message, "name")
            ?? throw Unusable($"a tool message answers call '{callId}', which no assistant message made");
        WriteFunctionResult(json, name, MessageText.TextOnly(message, "GigaChat"));
    }

    private static void WriteFunctionResult(Utf8JsonWriter json, string name, string result)
    {
        json.WriteStartObject();
        json.WriteString("role", "function");
        json.WriteString("name", name);
        json.WriteString("content", FunctionResultContent(result));
        json.WriteEndObject();
    }

    /// <summary>GigaChat takes a function's result only as a serialised JSON object; anything else is wrapped as <c>{"result": text}</c>.</summary>
    internal static string FunctionResultContent(string result)
    {
        try
        {
            using var parsed = JsonDocument.Parse(result);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                return result;
            }
        }
        catch (JsonException)
        {
            // Plain text: wrapped below.
        }

        return Encoding.UTF8.GetString(OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("result", result);
            json.WriteEndObject();
        }));
    }

    private static void WriteFunctions(Utf8JsonWriter json, JsonElement root)
    {
        var wroteFunctions = false;
        if (TryGet(root, "tools", JsonValueKind.Array, out var tools) && tools.GetArrayLength() > 0)
        {
            json.WriteStartArray("functions");
            foreach (var tool in tools.EnumerateArray())
            {
                if (StringOf(tool, "type") != "function" || !TryGet(tool, "function", JsonValueKind.Object, out var function))
                {
                    throw Unusable($"tools of type '{StringOf(tool, "type")}' are not supported (functions only)");
                }

                json.WriteStartObject();
                json.WriteString("name", StringOf(function, "name") ?? throw Unusable("a tool has no function name"));
                if (StringOf(function, "description") is { } description)
                {
                    json.WriteString("description", description);
                }

                json.WritePropertyName("parameters");
                if (TryGet(function, "parameters", JsonValueKind.Object, out var parameters))
                {
                    parameters.WriteTo(json);
                }
                else
                {
                    // GigaChat requires a schema; OpenAI allows none for a function without arguments.
                    json.WriteRawValue("""{"type":"object","properties":{}}""");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            wroteFunctions = true;
        }
        else if (TryGet(root, "functions", JsonValueKind.Array, out var legacyFunctions))
        {
            // OpenAI's deprecated functions are GigaChat's shape already.
            json.WritePropertyName("functions");
            legacyFunctions.WriteTo(json);
            wroteFunctions = true;
        }

        if (root.TryGetProperty("tool_choice", out var choice))
        {
            WriteFunctionCallMode(json, choice);
        }
        else if (root.TryGetProperty("function_call", out var legacyChoice) && legacyChoice.ValueKind is JsonValueKind.String or JsonValueKind.Object)
        {
            json.WritePropertyName("function_call");
            legacyChoice.WriteTo(json);
        }
        else if (wroteFunctions)
        {
            // OpenAI's default with tools is "auto"; said explicitly so GigaChat behaves the same.
            json.WriteString("function_call", "auto");
        }
    }

    private static void WriteFunctionCallMode(Utf8JsonWriter json, JsonElement choice)
    {
        switch (choice.ValueKind)
        {
            case JsonValueKind.String:
                // GigaChat has no "call some function": "required" is the nearest, "auto".
                json.WriteString("function_call", choice.GetString() == "none" ? "none" : "auto");
                break;
            case JsonValueKind.Object:
                var function = choice.TryGetProperty("function", out var f) ? f : default;
                json.WriteStartObject("function_call");
                json.WriteString("name", StringOf(function, "name") ?? throw Unusable("tool_choice names no function"));
                json.WriteEndObject();
                break;
        }
    }
}
