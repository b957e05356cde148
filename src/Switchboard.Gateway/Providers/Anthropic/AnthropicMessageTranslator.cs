using System.Text;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// Turns OpenAI <c>messages</c> into a <see cref="AnthropicConversation"/>: <c>system</c>/<c>developer</c>
/// → the top-level system text (joined by blank lines, wherever they stood); <c>user</c> text and
/// <c>image_url</c> parts → text and image blocks (data: URLs as base64 sources, http(s) URLs as url
/// sources); assistant <c>tool_calls</c> → <c>tool_use</c> blocks with the parsed arguments as
/// <c>input</c>; <c>tool</c> messages → <c>tool_result</c> blocks in a user turn; consecutive turns of one
/// role merged. Message <c>name</c>s and assistant <c>refusal</c>s are dropped. Content the API cannot
/// take (audio, files) is refused. Stateless.
/// </summary>
internal static class AnthropicMessageTranslator
{
    public static AnthropicConversation Translate(JsonElement messages)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw AnthropicRequestTranslator.Refuse("messages must be an array");
        }

        var system = new List<string>();
        var turns = new List<AnthropicTurn>();
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            message.TryGetProperty("content", out var content);
            switch (role)
            {
                case "system" or "developer":
                    if (TextOf(content) is { Length: > 0 } text)
                    {
                        system.Add(text);
                    }

                    break;
                case "user":
                    AddTo(turns, "user", turn => AddUserContent(turn, content));
                    break;
                case "assistant":
                    AddTo(turns, "assistant", turn => AddAssistant(turn, message, content));
                    break;
                case "tool":
                    AddTo(turns, "user", turn => AddToolResult(turn, message, content));
                    break;
                default:
                    throw AnthropicRequestTranslator.Refuse($"messages with role '{role}' cannot be sent to Anthropic");
            }
        }

        return new AnthropicConversation(system.Count == 0 ? null : string.Join("\n\n", system), turns);
    }

    /// <summary>Fills the last turn when it has the same role (the API wants roles to alternate), else a new one.</summary>
    private static void AddTo(List<AnthropicTurn> turns, string role, Action<AnthropicTurn> fill)
    {
        if (turns.Count > 0 && turns[^1].Role == role)
        {
            fill(turns[^1]);
            return;
        }

        var turn = new AnthropicTurn(role);
        fill(turn);
        if (!turn.IsEmpty)
        {
            turns.Add(turn);
        }
    }

    private static void AddUserContent(AnthropicTurn turn, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            turn.AddText(content.GetString()!);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var part in content.EnumerateArray())
        {
            var type = part.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "text":
                    turn.AddText(part.GetProperty("text").GetString() ?? "");
                    break;
                case "image_url":
                    var image = part.GetProperty("image_url");
                    var url = (image.ValueKind == JsonValueKind.String ? image : image.GetProperty("url")).GetString() ?? "";
                    turn.Add(AnthropicImages.Block(url));
                    break;
                default:
                    throw AnthropicRequestTranslator.Refuse($"content parts of type '{type}' cannot be sent to Anthropic");
            }
        }
    }

    private static void AddAssistant(AnthropicTurn turn, JsonElement message, JsonElement content)
    {
        if (TextOf(content) is { } text)
        {
            turn.AddText(text);
        }

        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var call in calls.EnumerateArray())
        {
            var id = call.GetProperty("id").GetString();
            var function = call.GetProperty("function");
            var name = function.GetProperty("name").GetString();
            var input = ParseArguments(function.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null, name);
            turn.Add(json =>
            {
                json.WriteStartObject();
                json.WriteString("type", "tool_use");
                json.WriteString("id", id);
                json.WriteString("name", name);
                json.WritePropertyName("input");
                input.WriteTo(json);
                json.WriteEndObject();
            });
        }
    }

    private static void AddToolResult(AnthropicTurn turn, JsonElement message, JsonElement content)
    {
        var toolUseId = message.GetProperty("tool_call_id").GetString();
        var text = TextOf(content);
        turn.Add(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "tool_result");
            json.WriteString("tool_use_id", toolUseId);
            if (!string.IsNullOrEmpty(text))
            {
                json.WriteString("content", text);
            }

            json.WriteEndObject();
        });
    }

    /// <summary><c>input</c> must be a JSON object; OpenAI clients send the arguments as a JSON string (sometimes empty).</summary>
    private static JsonElement ParseArguments(string? arguments, string? toolName)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            arguments = "{}";
        }

        using var parsed = JsonDocument.Parse(arguments);
        if (parsed.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw AnthropicRequestTranslator.Refuse($"the arguments of the call to tool '{toolName}' are not a JSON object");
        }

        return parsed.RootElement.Clone();
    }

    /// <summary>The text of string content or of an array of text parts (other parts ignored); null for null content.</summary>
    private static string? TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.TryGetProperty("type", out var type) && type.ValueEquals("text") && part.TryGetProperty("text", out var value))
            {
                text.Append(value.GetString());
            }
        }

        return text.ToString();
    }
}
