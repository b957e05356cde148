using System.Text.Json;
using Switchboard.Local.Inference;
using Switchboard.Local.Serving.Structured;

namespace Switchboard.Local.Serving;

/// <summary>An OpenAI chat or text completion request as the local provider needs it.</summary>
internal sealed record LocalCompletionRequest
{
    public required string Model { get; init; }

    public bool Chat { get; init; }

    public IReadOnlyList<(string Role, string Content)> Messages { get; init; } = [];

    public string Prompt { get; init; } = "";

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    public int? MaxTokens { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    public required SamplingOptions Sampling { get; init; }

    /// <summary><c>response_format.json_schema.schema</c> (copied), when the caller gave one.</summary>
    public JsonElement? ResponseSchema { get; init; }

    /// <summary><c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c>; null when the request has no tools.</summary>
    public ToolCallFormat? Tools { get; init; }

    /// <summary>Reads the body; throws <see cref="ArgumentException"/> naming the field that is wrong.</summary>
    public static LocalCompletionRequest Parse(ReadOnlySpan<byte> body, bool chat, string jsonGrammar)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        var messages = chat ? ReadMessages(root.GetProperty("messages")) : [];

        var temperature = Float(root, "temperature") ?? 1f;
        var grammar = root.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object
                      && format.TryGetProperty("type", out var type) && type.GetString() is "json_object" or "json_schema"
            ? jsonGrammar
            : null;
        JsonElement? schema = grammar is not null && format.TryGetProperty("json_schema", out var jsonSchema) && jsonSchema.ValueKind == JsonValueKind.Object
                              && jsonSchema.TryGetProperty("schema", out var s) && s.ValueKind is JsonValueKind.Object or JsonValueKind.True
            ? s.Clone()
            : null;
        return new LocalCompletionRequest
        {
            Model = root.GetProperty("model").GetString()!,
            Chat = chat,
            Messages = messages,
            Prompt = chat ? "" : root.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "",
            Stream = root.TryGetProperty("stream", out var streamed) && streamed.ValueKind == JsonValueKind.True,
            IncludeUsage = root.TryGetProperty("stream_options", out var o) && o.ValueKind == JsonValueKind.Object
                           && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True,
            MaxTokens = Int(root, "max_completion_tokens") ?? Int(root, "max_tokens"),
            Stop = root.TryGetProperty("stop", out var stop)
                ? stop.ValueKind switch
                {
                    JsonValueKind.String => [stop.GetString()!],
                    JsonValueKind.Array => stop.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToArray(),
                    _ => [],
                }
                : [],
            Sampling = new SamplingOptions
            {
                Temperature = temperature,
                TopP = Float(root, "top_p") ?? 1,
                TopK = Int(root, "top_k") ?? 0,
                MinP = Float(root, "min_p") ?? 0,
                FrequencyPenalty = Float(root, "frequency_penalty") ?? 0,
                PresencePenalty = Float(root, "presence_penalty") ?? 0,
                RepeatPenalty = Float(root, "repeat_penalty") ?? 1,
                Seed = Int(root, "seed") is { } seed ? unchecked((uint)seed) : null,
                Grammar = grammar,
            },
            ResponseSchema = schema,
            Tools = chat ? ReadTools(root) : null,
        };
    }

    private static ToolCallFormat? ReadTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return null;
        }

        return new ToolCallFormat(
            tools.EnumerateArray().Select(ToolDefinition.Parse).ToList(),
            root.TryGetProperty("tool_choice", out var choice) ? ToolChoice.Parse(choice) : ToolChoice.Auto,
            parallel: !(root.TryGetProperty("parallel_tool_calls", out var parallel) && parallel.ValueKind == JsonValueKind.False));
    }

    /// <summary>The conversation as (role, text); tool calls and tool results become text (see <see cref="ToolMessages"/>).</summary>
    private static List<(string Role, string Content)> ReadMessages(JsonElement list)
    {
        var messages = new List<(string, string)>();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in list.EnumerateArray())
        {
            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "user";
            var content = TextOf(message.TryGetProperty("content", out var c) ? c : default);
            if (role == "assistant" && message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var (id, name) in ToolMessages.CallNames(calls))
                {
                    callNames[id] = name;
                }

                content = ToolMessages.AssistantCalls(content, calls);
            }
            else if (role is "tool" or "function")
            {
                var id = message.TryGetProperty("tool_call_id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "";
                var name = callNames.GetValueOrDefault(id) ?? (message.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null);
                (role, content) = ("user", ToolMessages.ToolResult(name, content));
            }

            messages.Add((role, content));
        }

        return messages;
    }

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
            .Where(part => part.TryGetProperty("type", out var t) && t.ValueEquals("text"u8))
            .Select(part => part.GetProperty("text").GetString())),
        _ => "",
    };

    private static float? Float(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetSingle() : null;

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;
}
