using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace Switchboard.Gateway.Clients;

/// <summary>
/// The response body of an in-process streamed call: a write-only stream whose bytes are read back as SSE
/// <c>data:</c> payloads while the relay is still writing. One writer (the relay), one reader.
/// </summary>
internal sealed class SseCapture : Stream
{
    private readonly Channel<byte[]> _writes = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly MemoryStream _all = new();

    /// <summary>Everything written, for an error body that was not SSE.</summary>
    public byte[] Unframed => _all.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Complete() => _writes.Writer.TryComplete();

    public async IAsyncEnumerable<string> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new StringBuilder();
        var decoder = Encoding.UTF8.GetDecoder();
        await foreach (var bytes in _writes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var chars = new char[decoder.GetCharCount(bytes, flush: false)];
            decoder.GetChars(bytes, chars, flush: false);
            pending.Append(chars);
            int end;
            while ((end = IndexOfEventEnd(pending)) >= 0)
            {
                var block = pending.ToString(0, end);
                pending.Remove(0, end + 2);
                if (DataOf(block) is { } data)
                {
                    yield return data;
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var copy = buffer.ToArray();
        _all.Write(copy);
        _writes.Writer.TryWrite(copy);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Complete();
        base.Dispose(disposing);
    }

    private static int IndexOfEventEnd(StringBuilder text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == '\n' && text[i + 1] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The joined <c>data:</c> lines of one event, or null for comments and events without data.</summary>
    private static string? DataOf(string block)
    {
        string? data = null;
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line.Length > 5 && line[5] == ' ' ? line[6..] : line[5..];
                data = data is null ? value : data + "\n" + value;
            }
        }

        return data;
    }
}
