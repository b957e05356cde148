using System.Net;
using System.Text.Json;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// OpenAI chunks from a streamed Foundation Models completion. The native body is a sequence of JSON
/// objects (newline-separated) each holding the CUMULATIVE text so far; only the new suffix is emitted
/// as a delta. A final status (FINAL, TRUNCATED_FINAL, TOOL_CALLS, CONTENT_FILTER) ends the stream with
/// tool-call deltas if any, the finish chunk, the usage chunk and <c>[DONE]</c>; a body that ends before
/// a final status ends without <c>[DONE]</c>, and an error object becomes an OpenAI error event. Owned
/// by one response.
/// </summary>
internal sealed class YandexChatStream(Stream native, string id, long created, string model) : OpenAiSseStream(native)
{
    private readonly List<string> _emittedText = [];
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;
    private bool _started;

    protected override async ValueTask<bool> PumpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeObject() is { } document)
            {
                using (document)
                {
                    return Handle(document.RootElement);
                }
            }

            if (_end == _buffer.Length)
            {
                MakeRoom();
            }

            var read = await Native.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                // Ended without a final status: no [DONE], so the client learns the answer is incomplete.
                return false;
            }

            _end += read;
        }
    }

    /// <summary>Emits what one native object means; false once the stream is over.</summary>
    private bool Handle(JsonElement root)
    {
        if (root.TryGetProperty("error", out _))
        {
            // An error mid-stream is passed on as OpenAI's error event; the stream then ends without [DONE].
            var (_, error) = YandexErrors.Translate(HttpStatusCode.InternalServerError, OpenAiShapes.Write(root.WriteTo));
            Emit(json => json.WriteRawValue(error, skipInputValidation: true));
            return false;
        }

        var result = YandexChatResponse.ResultOf(root);
        if (!_started)
        {
            _started = true;
            Emit(json => WriteChunk(json, 0, delta => { delta.WriteString("role", "assistant"); delta.WriteString("content", ""); }, null));
        }

        var finishes = new List<(int Index, string Reason)>();
        var index = 0;
        foreach (var alternative in YandexChatResponse.Alternatives(result))
        {
            EmitAlternative(index, alternative, finishes);
            index++;
        }

        if (finishes.Count == 0)
        {
            return true;
        }

        foreach (var (choice, reason) in finishes)
        {
            Emit(json => WriteChunk(json, choice, _ => { }, reason));
        }

        var usage = YandexChatResponse.UsageOf(result);
        Emit(json => OpenAiShapes.WriteUsageChunk(json, id, created, model, usage));
        EmitDone();
        return false;
    }

    private void EmitAlternative(int index, JsonElement alternative, List<(int Index, string Reason)> finishes)
    {
        while (_emittedText.Count <= index)
        {
            _emittedText.Add("");
        }

        var message = YandexJson.TryObject(alternative, "message", out var m) ? m : default;
        if (YandexJson.String(message, "text") is { } text && text.Length > _emittedText[index].Length
            && text.StartsWith(_emittedText[index], StringComparison.Ordinal))
        {
            var suffix = text[_emittedText[index].Length..];
            _emittedText[index] = text;
            Emit(json => WriteChunk(json, index, delta => delta.WriteString("content", suffix), null));
        }

        var calls = YandexChatResponse.ToolCallsOf(message);
        if (calls.Count > 0)
        {
            Emit(json => WriteChunk(json, index, delta => YandexChatResponse.WriteToolCalls(delta, calls, withIndex: true), null));
        }

        if (YandexChatResponse.FinishReason(YandexJson.String(alternative, "status")) is { } reason)
        {
            finishes.Add((index, reason));
        }
    }

    private void WriteChunk(Utf8JsonWriter json, int index, Action<Utf8JsonWriter> writeDelta, string? finishReason) =>
        OpenAiShapes.WriteDeltaChunk(json, id, created, model, index, writeDelta, finishReason);

    /// <summary>The next complete JSON object in the buffer, or null when more bytes are needed.</summary>
    private JsonDocument? TryTakeObject()
    {
        while (_start < _end && _buffer[_start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            _start++;
        }

        if (_start == _end)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, state: default);
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new IOException("the YandexGPT stream holds something other than JSON objects");
            }

            if (!reader.TrySkip())
            {
                return null;
            }

            var length = (int)reader.BytesConsumed;
            var document = JsonDocument.Parse(_buffer.AsMemory(_start, length).ToArray());
            _start += length;
            return document;
        }
        catch (JsonException ex)
        {
            throw new IOException("the YandexGPT stream is not valid JSON", ex);
        }
    }

    private void MakeRoom()
    {
        var pending = _end - _start;
        var target = pending > _buffer.Length / 2 ? new byte[_buffer.Length * 2] : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, pending);
        _buffer = target;
        _start = 0;
        _end = pending;
    }
}
