using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Gateway.Relay;

/// <summary>
/// The "continue" mode of a streamed chat request (<c>continueOnCut</c> per alias): the text streamed
/// so far is kept, and when the stream breaks after it started, the request is resent to the next
/// deployment with that text as an assistant prefill; the continuation's events follow on the same
/// client stream. Streams carrying tool calls are not continued (a half tool call cannot be resumed).
/// Owned by one request; not thread-safe.
/// </summary>
internal sealed class StreamContinuation
{
    private readonly StringBuilder _partial = new();

    /// <summary>The client stream has started: a continuation must not start it again, and errors go in-band.</summary>
    public bool Resumed { get; private set; }

    /// <summary>The last attempt broke mid-stream and may be continued elsewhere.</summary>
    public bool Broken { get; private set; }

    /// <summary>Why the stream broke, for the error event when no continuation succeeds.</summary>
    public string BreakDetail { get; private set; } = "";

    /// <summary>How many times the stream was continued on another deployment.</summary>
    public int Continuations { get; private set; }

    public bool CanContinue => !_hasToolCalls;

    private bool _hasToolCalls;

    /// <summary>Notes the text (or tool call) of a forwarded event's <c>data</c>.</summary>
    public void Observe(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data[0] != (byte)'{')
        {
            return;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || !choices[0].TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            _hasToolCalls |= delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array;
            if (delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                _partial.Append(content.GetString());
            }
        }
        catch (JsonException)
        {
            // Not a chunk we understand: it adds nothing to the prefill.
        }
    }

    public void MarkBroken(string detail)
    {
        Broken = true;
        BreakDetail = detail;
    }

    /// <summary>The request for the next deployment: the client's messages followed by the partial answer as the assistant's turn.</summary>
    public byte[] ContinuationBody(ReadOnlySpan<byte> originalBody)
    {
        var request = JsonNode.Parse(originalBody)!.AsObject();
        var messages = request["messages"]!.AsArray();
        if (Continuations > 0)
        {
            // The previous continuation's prefill is replaced by the longer one.
            messages.RemoveAt(messages.Count - 1);
        }

        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = _partial.ToString() });
        Broken = false;
        Resumed = true;
        Continuations++;
        return Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    /// <summary>
    /// Whether a continuation's event adds anything: its opening chunk (role only, empty text) is
    /// dropped so the client sees one answer, not two starts.
    /// </summary>
    public static bool IsEmptyOpening(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"role\""u8) >= 0 && data.IndexOf("\"finish_reason\":null"u8) >= 0
        && (data.IndexOf("\"content\":\"\""u8) >= 0 || data.IndexOf("\"content\":null"u8) >= 0 || data.IndexOf("\"content\""u8) < 0);
}
