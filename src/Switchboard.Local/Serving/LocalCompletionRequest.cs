using System.Text.Json;
using Switchboard.Local.Inference;

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

    /// <summary>Reads the body; throws <see cref="ArgumentException"/> naming the field that is wrong.</summary>
    public static LocalCompletionRequest Parse(ReadOnlySpan<byte> body, bool chat, string jsonGrammar)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        var messages = new List<(string, string)>();
        if (chat)
        {
            foreach (var message in root.GetProperty("messages").EnumerateArray())
            {
                var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "user";
                messages.Add((role, TextOf(message.TryGetProperty("content", out var c) ? c : default)));
            }
        }

        var temperature = Float(root, "temperature") ?? 1f;
        var grammar = root.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object
                      && format.TryGetProperty("type", out var type) && type.GetString() is "json_object" or "json_schema"
            ? jsonGrammar
            : null;
        return new LocalCompletionRequest
        {
            Model = root.GetProperty("model").GetString()!,
            Chat = chat,
            Messages = messages,
            Prompt = chat ? "" : root.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "",
            Stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True,
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
        };
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
