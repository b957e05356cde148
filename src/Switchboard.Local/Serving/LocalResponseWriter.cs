using System.Text.Json;

namespace Switchboard.Local.Serving;

/// <summary>Writes the OpenAI JSON of one local response (chat or text completion), so every part shares id, time and model.</summary>
internal sealed class LocalResponseWriter(bool chat, string model)
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _id = (chat ? "chatcmpl-local-" : "cmpl-local-") + Guid.NewGuid().ToString("N")[..24];
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public string Completion(string text, string finishReason, int promptTokens, int completionTokens) => Write(new Dictionary<string, object?>
    {
        ["id"] = _id,
        ["object"] = chat ? "chat.completion" : "text_completion",
        ["created"] = _created,
        ["model"] = model,
        ["choices"] = new object[]
        {
            chat
                ? new Dictionary<string, object?> { ["index"] = 0, ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = text }, ["logprobs"] = null, ["finish_reason"] = finishReason }
                : new Dictionary<string, object?> { ["index"] = 0, ["text"] = text, ["logprobs"] = null, ["finish_reason"] = finishReason },
        },
        ["usage"] = Usage(promptTokens, completionTokens),
    });

    /// <summary>A chat completion whose answer is tool calls: content null, finish reason <c>tool_calls</c>.</summary>
    public string ToolCallsCompletion(IReadOnlyList<(string Name, string ArgumentsJson)> calls, int promptTokens, int completionTokens) => Write(new Dictionary<string, object?>
    {
        ["id"] = _id,
        ["object"] = "chat.completion",
        ["created"] = _created,
        ["model"] = model,
        ["choices"] = new object[]
        {
            new Dictionary<string, object?>
            {
                ["index"] = 0,
                ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = calls.Select(c => ToolCall(null, c.Name, c.ArgumentsJson)).ToArray() },
                ["logprobs"] = null,
                ["finish_reason"] = "tool_calls",
            },
        },
        ["usage"] = Usage(promptTokens, completionTokens),
    });

    /// <summary>One whole tool call as a streamed delta (OpenAI streams arguments in pieces; here they arrive complete).</summary>
    public string ToolCallChunk(int index, string name, string argumentsJson) =>
        Chunk(new Dictionary<string, object?> { ["tool_calls"] = new[] { ToolCall(index, name, argumentsJson) } }, null);

    public string OpeningChunk() => chat ? Chunk(new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = "" }, null) : Chunk(null, null, "");

    public string TextChunk(string text) => chat ? Chunk(new Dictionary<string, object?> { ["content"] = text }, null) : Chunk(null, null, text);

    public string FinishChunk(string finishReason) => chat ? Chunk(new Dictionary<string, object?>(), finishReason) : Chunk(null, finishReason, "");

    public string UsageChunk(int promptTokens, int completionTokens) => Write(new Dictionary<string, object?>
    {
        ["id"] = _id,
        ["object"] = chat ? "chat.completion.chunk" : "text_completion",
        ["created"] = _created,
        ["model"] = model,
        ["choices"] = Array.Empty<object>(),
        ["usage"] = Usage(promptTokens, completionTokens),
    });

    public static string Error(string message, string type, string? code) => Write(new Dictionary<string, object?>
    {
        ["error"] = new Dictionary<string, object?> { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
    });

    private string Chunk(Dictionary<string, object?>? delta, string? finishReason, string? text = null) => Write(new Dictionary<string, object?>
    {
        ["id"] = _id,
        ["object"] = chat ? "chat.completion.chunk" : "text_completion",
        ["created"] = _created,
        ["model"] = model,
        ["choices"] = new object[]
        {
            chat
                ? new Dictionary<string, object?> { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }
                : new Dictionary<string, object?> { ["index"] = 0, ["text"] = text, ["logprobs"] = null, ["finish_reason"] = finishReason },
        },
    });

    /// <summary>OpenAI's tool call: arguments are a JSON string, not an object.</summary>
    private static Dictionary<string, object?> ToolCall(int? index, string name, string argumentsJson)
    {
        var call = new Dictionary<string, object?>();
        if (index is { } i)
        {
            call["index"] = i;
        }

        call["id"] = "call_" + Guid.NewGuid().ToString("N")[..24];
        call["type"] = "function";
        call["function"] = new Dictionary<string, object?> { ["name"] = name, ["arguments"] = argumentsJson };
        return call;
    }

    private static Dictionary<string, object?> Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
    };

    private static string Write(Dictionary<string, object?> value) => JsonSerializer.Serialize(value, Options);
}
