using System.Text.Json;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>Small readers of optional JSON fields shared by the GigaChat translations. Stateless.</summary>
internal static class GigaChatJson
{
    public static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static int? IntOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var number)
            ? number
            : null;

    public static long? LongOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var number)
            ? number
            : null;

    public static bool TryGet(JsonElement element, string name, JsonValueKind kind, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind == kind)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Function-call arguments as OpenAI carries them, a JSON string: GigaChat sends an object (written
    /// out compactly), older answers sometimes a string already.
    /// </summary>
    public static string ArgumentsString(JsonElement arguments) => arguments.ValueKind switch
    {
        JsonValueKind.String => arguments.GetString() ?? "{}",
        JsonValueKind.Undefined or JsonValueKind.Null => "{}",
        _ => arguments.GetRawText(),
    };

    /// <summary>Token usage in OpenAI's terms; <c>precached_prompt_tokens</c> are the prompt's cached part.</summary>
    public static TokenUsage? UsageOf(JsonElement root) =>
        TryGet(root, "usage", JsonValueKind.Object, out var usage)
            ? new TokenUsage(IntOf(usage, "prompt_tokens") ?? 0, IntOf(usage, "completion_tokens") ?? 0, IntOf(usage, "precached_prompt_tokens"))
            : null;

    /// <summary>GigaChat's finish reasons in OpenAI's words.</summary>
    public static string FinishReason(string? native) => native switch
    {
        "length" => "length",
        "function_call" => "tool_calls",
        "blacklist" => OpenAiShapes.ContentFilter,
        _ => "stop",
    };
}
