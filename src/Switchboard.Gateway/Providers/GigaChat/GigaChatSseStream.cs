using System.Text.Json;
using static Switchboard.Gateway.Providers.GigaChat.GigaChatJson;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>
/// GigaChat's chat stream as OpenAI chunks. GigaChat sends <c>data: {chunk}</c> events whose deltas carry
/// text, or a whole <c>function_call</c> at once; the last one has the finish reason and usage; then
/// <c>data: [DONE]</c>. Emitted: a role chunk, content deltas, one complete tool-call delta per call, the
/// finish chunk, at <c>[DONE]</c> the usage chunk and <c>[DONE]</c>. A stream that ends without
/// <c>[DONE]</c>, sends an unreadable event or finishes with reason <c>error</c> ends without
/// <c>[DONE]</c>, so the relay reports it cut. Owned by one response.
/// </summary>
internal sealed class GigaChatSseStream(Stream native, string completionId) : OpenAiSseStream(native)
{
    private const int ReadSize = 8192;

    private byte[] _buffer = new byte[ReadSize * 2];
    private int _start;
    private int _end;
    private bool _emitted;
    private bool _started;
    private bool _calledFunction;
    private long _created;
    private string _model = "";
    private TokenUsage? _usage;

    private enum LineOutcome
    {
        More,
        Done,
        Broken,
    }

    protected override async ValueTask<bool> PumpAsync(CancellationToken cancellationToken)
    {
        _emitted = false;
        while (true)
        {
            if (HandleBufferedLines() != LineOutcome.More)
            {
                return false;
            }

            if (_emitted)
            {
                return true;
            }

            MakeRoom();
            var read = await Native.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                // Ended without [DONE]: no [DONE] either, the relay tells the client the stream was cut.
                return false;
            }

            _end += read;
        }
    }

    private void MakeRoom()
    {
        if (_buffer.Length - _end >= ReadSize / 2)
        {
            return;
        }

        var pending = _end - _start;
        if (_start > 0 && pending <= _buffer.Length / 2)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else
        {
            var larger = new byte[_buffer.Length * 2];
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            _buffer = larger;
        }

        _start = 0;
        _end = pending;
    }

    private LineOutcome HandleBufferedLines()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                return LineOutcome.More;
            }

            var line = _buffer.AsSpan(_start, newline).TrimEnd((byte)'\r');
            _start += newline + 1;
            var outcome = HandleLine(line);
            if (outcome != LineOutcome.More)
            {
                return outcome;
            }
        }
    }

    private LineOutcome HandleLine(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("data:"u8))
        {
            // Blank separators, comments, event names: nothing to translate.
            return LineOutcome.More;
        }

        var payload = line["data:".Length..].TrimStart((byte)' ');
        if (payload.SequenceEqual("[DONE]"u8))
        {
            if (_usage is { } usage)
            {
                EmitChunk(json => OpenAiShapes.WriteUsageChunk(json, completionId, _created, _model, usage));
            }

            EmitDone();
            return LineOutcome.Done;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            return HandleChunk(document.RootElement);
        }
        catch (JsonException)
        {
            return LineOutcome.Broken;
        }
    }

    private LineOutcome HandleChunk(JsonElement chunk)
    {
        if (!_started)
        {
            _created = LongOf(chunk, "created") ?? OpenAiShapes.Now();
            _model = StringOf(chunk, "model") ?? "";
            _started = true;
            EmitDelta(json =>
            {
                json.WriteString("role", "assistant");
                json.WriteString("content", "");
            }, null);
        }

        if (UsageOf(chunk) is { } usage)
        {
            _usage = usage;
        }

        if (!TryGet(chunk, "choices", JsonValueKind.Array, out var choices) || choices.GetArrayLength() == 0)
        {
            return LineOutcome.More;
        }

        var choice = choices[0];
        var delta = choice.TryGetProperty("delta", out var d) ? d : default;
        if (StringOf(delta, "content") is { Length: > 0 } content)
        {
            EmitDelta(json => json.WriteString("content", content), null);
        }

        if (TryGet(delta, "function_call", JsonValueKind.Object, out var call))
        {
            _calledFunction = true;
            var id = OpenAiShapes.NewToolCallId();
            EmitDelta(json =>
            {
                json.WriteStartArray("tool_calls");
                GigaChatChatResponse.WriteToolCall(json, call, id, includeIndex: true);
                json.WriteEndArray();
            }, null);
        }

        switch (StringOf(choice, "finish_reason"))
        {
            case null:
                return LineOutcome.More;
            case "error":
                // GigaChat gave up mid-answer: a cut stream to the client, not a finished one.
                return LineOutcome.Broken;
            case var finish:
                EmitDelta(_ => { }, _calledFunction ? "tool_calls" : FinishReason(finish));
                return LineOutcome.More;
        }
    }

    private void EmitDelta(Action<Utf8JsonWriter> writeDelta, string? finishReason) =>
        EmitChunk(json => OpenAiShapes.WriteDeltaChunk(json, completionId, _created, _model, 0, writeDelta, finishReason));

    private void EmitChunk(Action<Utf8JsonWriter> write)
    {
        Emit(write);
        _emitted = true;
    }
}
