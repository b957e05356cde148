using System.Buffers;
using System.Text.Json;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// A Messages API event stream as OpenAI chat completion chunks: <c>message_start</c> → the role chunk;
/// <c>text_delta</c> → content deltas; a <c>tool_use</c> block → a tool call delta (index counting tool
/// blocks from 0, id, name, empty arguments) and its <c>input_json_delta</c>s → argument fragments;
/// <c>message_delta</c> → the finish reason; <c>message_stop</c> → the usage chunk and <c>[DONE]</c>. An
/// <c>error</c> event becomes an OpenAI error event and ends the stream without <c>[DONE]</c>, as does a
/// native stream that ends before <c>message_stop</c>. <c>ping</c>, thinking and unknown events are
/// skipped. Owned by one response.
/// </summary>
internal sealed class AnthropicSseStream(Stream native, long created, string fallbackModel) : OpenAiSseStream(native)
{
    private const int ReadSize = 8 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(ReadSize);
    private readonly AnthropicUsage _usage = new();
    private readonly Dictionary<int, ToolBlock> _toolBlocks = [];
    private string _id = "chatcmpl-anthropic";
    private string _model = fallbackModel;
    private bool _ended;

    protected override async ValueTask<bool> PumpAsync(CancellationToken cancellationToken)
    {
        var read = await Native.ReadAsync(_buffer.GetMemory(ReadSize), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            if (_buffer.WrittenCount > 0)
            {
                // A last event without its blank line still counts.
                _buffer.Write("\n\n"u8);
                HandleCompleteEvents();
            }

            // Without message_stop (or an error event) no [DONE] was emitted, so the relay reports a cut stream.
            return false;
        }

        _buffer.Advance(read);
        HandleCompleteEvents();
        return !_ended;
    }

    private void HandleCompleteEvents()
    {
        var pending = _buffer.WrittenSpan;
        var consumed = 0;
        int end;
        while (!_ended && (end = SseEvents.FindEventEnd(pending[consumed..])) >= 0)
        {
            var data = SseEvents.Data(pending.Slice(consumed, end));
            consumed += end;
            if (!data.IsEmpty)
            {
                Handle(data);
            }
        }

        var rest = pending[consumed..].ToArray();
        _buffer.Clear();
        _buffer.Write(rest);
    }

    private void Handle(ReadOnlySpan<byte> data)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data.ToArray());
        }
        catch (JsonException ex)
        {
            throw new IOException("the provider sent an event that is not JSON", ex);
        }

        using (document)
        {
            try
            {
                Handle(document.RootElement);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
            {
                throw new IOException("the provider sent an event this translation does not understand", ex);
            }
        }
    }

    private void Handle(JsonElement root)
    {
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "message_start":
                OnMessageStart(root.GetProperty("message"));
                break;
            case "content_block_start":
                OnBlockStart(root.GetProperty("index").GetInt32(), root.GetProperty("content_block"));
                break;
            case "content_block_delta":
                OnBlockDelta(root.GetProperty("index").GetInt32(), root.GetProperty("delta"));
                break;
            case "content_block_stop":
                OnBlockStop(root.GetProperty("index").GetInt32());
                break;
            case "message_delta":
                OnMessageDelta(root);
                break;
            case "message_stop":
                Emit(json => OpenAiShapes.WriteUsageChunk(json, _id, created, _model, _usage.ToOpenAi()));
                EmitDone();
                _ended = true;
                break;
            case "error":
                OnError(root);
                break;
        }
    }

    private void OnMessageStart(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            _id = "chatcmpl-" + id.GetString();
        }

        _model = AnthropicResponseTranslator.ModelOf(message, _model);
        _usage.Update(message.TryGetProperty("usage", out var usage) ? usage : default);
        EmitChunk(delta =>
        {
            delta.WriteString("role", "assistant");
            delta.WriteString("content", "");
        });
    }

    private void OnBlockStart(int index, JsonElement block)
    {
        var type = block.GetProperty("type");
        if (type.ValueEquals("text") && block.TryGetProperty("text", out var text) && text.GetString() is { Length: > 0 } initial)
        {
            EmitContent(initial);
        }
        else if (type.ValueEquals("tool_use"))
        {
            var tool = new ToolBlock(_toolBlocks.Count);
            _toolBlocks[index] = tool;
            var id = block.GetProperty("id").GetString();
            var name = block.GetProperty("name").GetString();
            EmitToolCall(tool.OpenAiIndex, call =>
            {
                call.WriteString("id", id);
                call.WriteString("type", "function");
                call.WriteStartObject("function");
                call.WriteString("name", name);
                call.WriteString("arguments", "");
                call.WriteEndObject();
            });
        }
    }

    private void OnBlockDelta(int index, JsonElement delta)
    {
        var type = delta.GetProperty("type");
        if (type.ValueEquals("text_delta"))
        {
            EmitContent(delta.GetProperty("text").GetString() ?? "");
        }
        else if (type.ValueEquals("input_json_delta") && _toolBlocks.TryGetValue(index, out var tool)
            && delta.GetProperty("partial_json").GetString() is { Length: > 0 } fragment)
        {
            tool.HasArguments = true;
            EmitArguments(tool.OpenAiIndex, fragment);
        }
    }

    private void OnBlockStop(int index)
    {
        // A tool called without input streams no fragment; OpenAI clients expect arguments that parse.
        if (_toolBlocks.TryGetValue(index, out var tool) && !tool.HasArguments)
        {
            EmitArguments(tool.OpenAiIndex, "{}");
        }
    }

    private void OnMessageDelta(JsonElement root)
    {
        _usage.Update(root.TryGetProperty("usage", out var usage) ? usage : default);
        if (root.TryGetProperty("delta", out var delta) && delta.TryGetProperty("stop_reason", out var stop)
            && AnthropicStopReasons.ToFinishReason(stop.ValueKind == JsonValueKind.String ? stop.GetString() : null) is { } finish)
        {
            EmitChunk(_ => { }, finish);
        }
    }

    private void OnError(JsonElement root)
    {
        var (type, message) = AnthropicErrorTranslator.ParseError(root);
        var error = AnthropicErrorTranslator.Error(message ?? "Anthropic reported an error mid-stream", type, AnthropicErrorTranslator.StatusOfType(type));
        Emit(json => json.WriteRawValue(error, skipInputValidation: true));
        _ended = true;
    }

    private void EmitContent(string text) => EmitChunk(delta => delta.WriteString("content", text));

    private void EmitArguments(int toolIndex, string fragment) => EmitToolCall(toolIndex, call =>
    {
        call.WriteStartObject("function");
        call.WriteString("arguments", fragment);
        call.WriteEndObject();
    });

    private void EmitToolCall(int toolIndex, Action<Utf8JsonWriter> writeCall) => EmitChunk(delta =>
    {
        delta.WriteStartArray("tool_calls");
        delta.WriteStartObject();
        delta.WriteNumber("index", toolIndex);
        writeCall(delta);
        delta.WriteEndObject();
        delta.WriteEndArray();
    });

    private void EmitChunk(Action<Utf8JsonWriter> writeDelta, string? finishReason = null) =>
        Emit(json => OpenAiShapes.WriteDeltaChunk(json, _id, created, _model, 0, writeDelta, finishReason));

    /// <summary>A tool_use block of the native stream and the OpenAI tool call index it streams as.</summary>
    private sealed class ToolBlock(int openAiIndex)
    {
        public int OpenAiIndex { get; } = openAiIndex;

        public bool HasArguments { get; set; }
    }
}
