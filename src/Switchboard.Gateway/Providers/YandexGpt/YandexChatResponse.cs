using System.Text.Json;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// Turns a Foundation Models completion result (<c>{"result": {alternatives, usage, modelVersion}}</c>, or
/// the bare result an operation carries) into an OpenAI chat completion: one choice per alternative,
/// tool calls with generated ids and arguments as a JSON string, the alternative status as
/// <c>finish_reason</c>, and the string-typed token counts as numbers. Stateless.
/// </summary>
internal static class YandexChatResponse
{
    public const string Partial = "ALTERNATIVE_STATUS_PARTIAL";

    /// <summary>The OpenAI completion; throws <see cref="IOException"/> when the body is not a completion result, like a broken read.</summary>
    public static byte[] Translate(byte[] native, string id, long created, string model)
    {
        try
        {
            using var document = JsonDocument.Parse(native);
            var result = ResultOf(document.RootElement);
            return OpenAiShapes.Write(json =>
            {
                json.WriteStartObject();
                OpenAiShapes.WriteHeader(json, id, "chat.completion", created, model);
                json.WriteStartArray("choices");
                var index = 0;
                foreach (var alternative in Alternatives(result))
                {
                    WriteChoice(json, index++, alternative);
                }

                json.WriteEndArray();
                OpenAiShapes.WriteUsage(json, UsageOf(result));
                json.WriteEndObject();
            });
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new IOException("the YandexGPT response is not a completion result", ex);
        }
    }

    /// <summary><c>result</c> of a completion response; the element itself for an operation's <c>response</c>.</summary>
    public static JsonElement ResultOf(JsonElement root) => YandexJson.TryObject(root, "result", out var result) ? result : root;

    public static JsonElement.ArrayEnumerator Alternatives(JsonElement result) =>
        YandexJson.TryArray(result, "alternatives", out var alternatives) ? alternatives.EnumerateArray() : default;

    /// <summary>OpenAI's <c>finish_reason</c> for an alternative status; null while it is still partial.</summary>
    public static string? FinishReason(string? status) => status switch
    {
        "ALTERNATIVE_STATUS_FINAL" => "stop",
        "ALTERNATIVE_STATUS_TRUNCATED_FINAL" => "length",
        "ALTERNATIVE_STATUS_TOOL_CALLS" => "tool_calls",
        "ALTERNATIVE_STATUS_CONTENT_FILTER" => OpenAiShapes.ContentFilter,
        Partial or "ALTERNATIVE_STATUS_UNSPECIFIED" or null => null,
        _ => "stop",
    };

    public static TokenUsage UsageOf(JsonElement result)
    {
        var usage = YandexJson.TryObject(result, "usage", out var u) ? u : default;
        int? reasoning = YandexJson.TryObject(usage, "completionTokensDetails", out var details) && details.TryGetProperty("reasoningTokens", out _)
            ? (int)YandexJson.Int(details, "reasoningTokens")
            : null;
        return new TokenUsage((int)YandexJson.Int(usage, "inputTextTokens"), (int)YandexJson.Int(usage, "completionTokens"), Reasoning: reasoning);
    }

    /// <summary>The calls in <c>message.toolCallList</c>, with ids made up (Yandex gives none) and arguments as JSON text.</summary>
    public static List<(string Id, string Name, string Arguments)> ToolCallsOf(JsonElement message)
    {
        var calls = new List<(string, string, string)>();
        if (YandexJson.TryObject(message, "toolCallList", out var list) && YandexJson.TryArray(list, "toolCalls", out var toolCalls))
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                if (YandexJson.TryObject(call, "functionCall", out var function))
                {
                    var arguments = function.TryGetProperty("arguments", out var a) && a.ValueKind != JsonValueKind.Null ? YandexJson.Compact(a) : "{}";
                    calls.Add((OpenAiShapes.NewToolCallId(), YandexJson.String(function, "name") ?? "", arguments));
                }
            }
        }

        return calls;
    }

    /// <summary>Writes <c>"tool_calls": [...]</c>; in stream deltas each call also carries its <c>index</c>.</summary>
    public static void WriteToolCalls(Utf8JsonWriter json, List<(string Id, string Name, string Arguments)> calls, bool withIndex)
    {
        json.WriteStartArray("tool_calls");
        for (var i = 0; i < calls.Count; i++)
        {
            json.WriteStartObject();
            if (withIndex)
            {
                json.WriteNumber("index", i);
            }

            json.WriteString("id", calls[i].Id);
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", calls[i].Name);
            json.WriteString("arguments", calls[i].Arguments);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteChoice(Utf8JsonWriter json, int index, JsonElement alternative)
    {
        var message = YandexJson.TryObject(alternative, "message", out var m) ? m : default;
        var calls = ToolCallsOf(message);
        json.WriteStartObject();
        json.WriteNumber("index", index);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        if (YandexJson.String(message, "text") is { } text)
        {
            json.WriteString("content", text);
        }
        else
        {
            json.WriteNull("content");
        }

        if (calls.Count > 0)
        {
            WriteToolCalls(json, calls, withIndex: false);
        }

        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", FinishReason(YandexJson.String(alternative, "status")) ?? "stop");
        json.WriteEndObject();
    }
}
