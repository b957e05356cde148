using System.Text;
using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// Renders the tool turns of a conversation as plain text for the chat template (whose roles are the
/// usual three): an assistant's calls as the same JSON the model is told to write, a <c>tool</c> result
/// as a user turn that names the function it answers. Stateless.
/// </summary>
internal static class ToolMessages
{
    /// <summary>The assistant's text followed by its <c>tool_calls</c> in the <see cref="ToolCallFormat"/> form.</summary>
    public static string AssistantCalls(string content, JsonElement toolCalls)
    {
        var calls = new StringBuilder("{\"tool_calls\":[");
        var first = true;
        foreach (var call in toolCalls.EnumerateArray())
        {
            var function = call.TryGetProperty("function", out var f) ? f : call;
            var name = function.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            calls.Append(first ? "" : ",").Append("{\"name\":").Append(JsonText.Quoted(name)).Append(",\"arguments\":").Append(Arguments(function)).Append('}');
            first = false;
        }

        calls.Append("]}");
        return content.Length == 0 ? calls.ToString() : content + "\n" + calls;
    }

    /// <summary>A tool's result, labelled with the function it answers (found by <c>tool_call_id</c> among the earlier calls).</summary>
    public static string ToolResult(string? function, string content) =>
        $"Result of {function ?? "the function call"}:\n{content}";

    /// <summary>The names of the calls in an assistant message's <c>tool_calls</c>, by id.</summary>
    public static IEnumerable<(string Id, string Name)> CallNames(JsonElement toolCalls) =>
        toolCalls.EnumerateArray()
            .Where(c => c.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && c.TryGetProperty("function", out _))
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("function").TryGetProperty("name", out var n) ? n.GetString() ?? "" : ""));

    /// <summary>OpenAI sends arguments as a JSON string; they go into the prompt as the JSON itself when it parses.</summary>
    private static string Arguments(JsonElement function)
    {
        if (!function.TryGetProperty("arguments", out var arguments))
        {
            return "{}";
        }

        if (arguments.ValueKind != JsonValueKind.String)
        {
            return JsonText.Compact(arguments);
        }

        var text = arguments.GetString()!;
        try
        {
            using var parsed = JsonDocument.Parse(text);
            return JsonText.Compact(parsed.RootElement);
        }
        catch (JsonException)
        {
            return JsonText.Quoted(text);
        }
    }
}
