using System.Text.Json;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// OpenAI <c>tools</c> and <c>tool_choice</c> in Messages API terms: a function tool becomes
/// <c>{name, description, input_schema}</c>; <c>auto</c>/<c>required</c>/<c>none</c> become
/// <c>{type: auto|any|none}</c>, a named function <c>{type: tool, name}</c>; <c>parallel_tool_calls: false</c>
/// becomes <c>disable_parallel_tool_use: true</c> inside the choice (with <c>auto</c> when the client named
/// none), as the API keeps it there. Without tools neither is sent. Tools of other types are refused. Stateless.
/// </summary>
internal static class AnthropicToolTranslator
{
    /// <summary>What the API requires for a function declared without parameters.</summary>
    private static readonly byte[] EmptySchema = """{"type":"object","properties":{}}"""u8.ToArray();

    public static void WriteTools(Utf8JsonWriter json, JsonElement root)
    {
        // A choice without tools means nothing to the API (and some clients send one with an empty list).
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return;
        }

        json.WriteStartArray("tools");
        foreach (var tool in tools.EnumerateArray())
        {
            WriteTool(json, tool);
        }

        json.WriteEndArray();
        WriteToolChoice(json, root);
    }

    private static void WriteTool(Utf8JsonWriter json, JsonElement tool)
    {
        if (!tool.TryGetProperty("type", out var type) || !type.ValueEquals("function") || !tool.TryGetProperty("function", out var function))
        {
            throw AnthropicRequestTranslator.Refuse($"tools of type '{(tool.TryGetProperty("type", out var t) ? t.ToString() : "")}' cannot be sent to Anthropic");
        }

        json.WriteStartObject();
        json.WriteString("name", function.GetProperty("name").GetString());
        if (function.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            json.WriteString("description", description.GetString());
        }

        json.WritePropertyName("input_schema");
        if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            parameters.WriteTo(json);
        }
        else
        {
            json.WriteRawValue(EmptySchema, skipInputValidation: true);
        }

        json.WriteEndObject();
    }

    private static void WriteToolChoice(Utf8JsonWriter json, JsonElement root)
    {
        var serial = root.TryGetProperty("parallel_tool_calls", out var parallel) && parallel.ValueKind == JsonValueKind.False;
        var hasChoice = root.TryGetProperty("tool_choice", out var choice) && choice.ValueKind is JsonValueKind.String or JsonValueKind.Object;
        if (!hasChoice && !serial)
        {
            return;
        }

        string type;
        string? name = null;
        if (!hasChoice)
        {
            type = "auto";
        }
        else if (choice.ValueKind == JsonValueKind.String)
        {
            type = choice.GetString() switch
            {
                "required" => "any",
                "none" => "none",
                _ => "auto",
            };
        }
        else
        {
            type = "tool";
            name = choice.GetProperty("function").GetProperty("name").GetString();
        }

        json.WriteStartObject("tool_choice");
        json.WriteString("type", type);
        if (name is not null)
        {
            json.WriteString("name", name);
        }

        // The API has no parallel switch on "none": nothing is called at all.
        if (serial && type != "none")
        {
            json.WriteBoolean("disable_parallel_tool_use", true);
        }

        json.WriteEndObject();
    }
}
