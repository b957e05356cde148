using System.Text;
using System.Text.Json;

namespace Switchboard.Local.Serving;

/// <summary>
/// A generation's events as an OpenAI SSE stream (chat chunks or text-completion chunks), produced as the
/// tokens come: the relay reads it like any upstream stream. Ends with a usage chunk (when asked) and
/// <c>[DONE]</c>; a generation that failed ends with an error event and no <c>[DONE]</c>.
/// </summary>
internal sealed class GenerationSseStream(GenerationHandle handle, LocalResponseWriter writer, bool includeUsage) : Stream
{
    private byte[] _pending = [];
    private int _offset;
    private bool _started;
    private bool _ended;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset >= _pending.Length)
        {
            if (_ended)
            {
                return 0;
            }

            _pending = await NextAsync(cancellationToken).ConfigureAwait(false);
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _pending.Length - _offset);
        _pending.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    private async Task<byte[]> NextAsync(CancellationToken cancellationToken)
    {
        var events = new StringBuilder();
        if (!_started)
        {
            _started = true;
            Append(events, writer.OpeningChunk());
        }

        if (!await handle.Events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _ended = true;
            return Encoding.UTF8.GetBytes(events.ToString());
        }

        while (handle.Events.TryRead(out var generated))
        {
            if (generated.FinishReason is null)
            {
                if (generated.Text.Length > 0)
                {
                    Append(events, writer.TextChunk(generated.Text));
                }

                continue;
            }

            _ended = true;
            if (generated.Error is { } error)
            {
                Append(events, LocalResponseWriter.Error(error, "server_error", null));
                break;
            }

            Append(events, writer.FinishChunk(generated.FinishReason));
            if (includeUsage)
            {
                Append(events, writer.UsageChunk(generated.PromptTokens, generated.CompletionTokens));
            }

            events.Append("data: [DONE]\n\n");
            break;
        }

        return Encoding.UTF8.GetBytes(events.ToString());
    }

    private static void Append(StringBuilder events, string json) => events.Append("data: ").Append(json).Append("\n\n");

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

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

    private static Dictionary<string, object?> Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
    };

    private static string Write(Dictionary<string, object?> value) => JsonSerializer.Serialize(value, Options);
}
