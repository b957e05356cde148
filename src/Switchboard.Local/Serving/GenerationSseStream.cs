using System.Text;
using Switchboard.Local.Serving.Structured;

namespace Switchboard.Local.Serving;

/// <summary>
/// A generation's events as an OpenAI SSE stream (chat chunks or text-completion chunks), produced as the
/// tokens come: the relay reads it like any upstream stream. Ends with a usage chunk (when asked) and
/// <c>[DONE]</c>; a generation that failed ends with an error event and no <c>[DONE]</c>. When the request
/// offers tools (<paramref name="toolCalls"/>), output that begins with <c>{</c> is the tool-call JSON: it is
/// held back and sent at the end as one <c>tool_calls</c> delta per call, each call whole (name and complete
/// arguments in one chunk), with finish reason <c>tool_calls</c>; output that begins otherwise streams as text.
/// </summary>
internal sealed class GenerationSseStream(GenerationHandle handle, LocalResponseWriter writer, bool includeUsage, bool toolCalls = false) : Stream
{
    private readonly StringBuilder _held = new();
    private bool _holding = toolCalls;
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
                if (_holding)
                {
                    Hold(events, generated.Text);
                }
                else if (generated.Text.Length > 0)
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

            var finishReason = generated.FinishReason;
            if (_holding && ToolCallFormat.Parse(_held.ToString()) is { } calls)
            {
                for (var i = 0; i < calls.Count; i++)
                {
                    Append(events, writer.ToolCallChunk(i, calls[i].Name, calls[i].ArgumentsJson));
                }

                finishReason = "tool_calls";
            }
            else if (_held.Length > 0)
            {
                Append(events, writer.TextChunk(_held.ToString()));
            }

            Append(events, writer.FinishChunk(finishReason));
            if (includeUsage)
            {
                Append(events, writer.UsageChunk(generated.PromptTokens, generated.CompletionTokens));
            }

            events.Append("data: [DONE]\n\n");
            break;
        }

        return Encoding.UTF8.GetBytes(events.ToString());
    }

    /// <summary>Keeps text back while it may be tool-call JSON: until its first non-space character shows it is not.</summary>
    private void Hold(StringBuilder events, string text)
    {
        _held.Append(text);
        foreach (var chunk in _held.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                if (c != '{')
                {
                    _holding = false;
                    Append(events, writer.TextChunk(_held.ToString()));
                    _held.Clear();
                }

                return;
            }
        }
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
