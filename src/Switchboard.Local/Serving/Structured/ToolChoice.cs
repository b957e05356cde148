using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>How tools may be used: <see cref="ToolChoiceMode.Auto"/> (text or calls), none, required (one call or more), or one named function.</summary>
internal sealed record ToolChoice(ToolChoiceMode Mode, string? Function = null)
{
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto);

    /// <summary>Reads OpenAI's <c>tool_choice</c>: <c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name":…}}</c>.</summary>
    public static ToolChoice Parse(JsonElement choice) => choice.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => Auto,
        JsonValueKind.String => choice.GetString() switch
        {
            "auto" => Auto,
            "none" => new ToolChoice(ToolChoiceMode.None),
            "required" => new ToolChoice(ToolChoiceMode.Required),
            var other => throw new ArgumentException($"tool_choice '{other}' is not auto, none, required or a function"),
        },
        JsonValueKind.Object when choice.TryGetProperty("function", out var f) && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            => new ToolChoice(ToolChoiceMode.Function, n.GetString()),
        _ => throw new ArgumentException("tool_choice must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":…}}"),
    };
}

/// <summary>The kinds of <see cref="ToolChoice"/>.</summary>
internal enum ToolChoiceMode
{
    Auto,
    None,
    Required,
    Function,
}
