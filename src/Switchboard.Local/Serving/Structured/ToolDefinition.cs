using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>An OpenAI function tool: its name, what it does, and the JSON schema of its arguments (null: any object).</summary>
internal sealed record ToolDefinition(string Name, string? Description, JsonElement? Parameters)
{
    /// <summary>Reads one entry of OpenAI's <c>tools</c> (<c>{"type":"function","function":{…}}</c>); the element is copied.</summary>
    public static ToolDefinition Parse(JsonElement tool)
    {
        var function = tool.TryGetProperty("function", out var f) ? f : throw new ArgumentException("tools: each tool needs a function (type function is the only one served locally)");
        var name = function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } text
            ? text
            : throw new ArgumentException("tools: each function needs a name");
        return new ToolDefinition(
            name,
            function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
            function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : null);
    }
}
