using System.Buffers;
using System.Text.Json;

namespace Switchboard.Gateway.Providers;

/// <summary>
/// A read-only stream of OpenAI SSE events made from a provider's native stream: a subclass reads native
/// events in <see cref="PumpAsync"/> and emits OpenAI chunks with <see cref="Emit"/>; readers get
/// <c>data: {json}\n\n</c> as it is produced. <see cref="EmitDone"/> only after the native stream
/// finished properly, so a cut native stream stays a cut OpenAI stream. Owned by one response.
/// </summary>
internal abstract class OpenAiSseStream(Stream native) : Stream
{
    private readonly ArrayBufferWriter<byte> _pending = new(4096);
    private int _pendingOffset;
    private bool _finished;

    /// <summary>The provider's stream.</summary>
    protected Stream Native { get; } = native;

    /// <summary>
    /// Reads some of the native stream and emits what it means; returns false once the native stream
    /// has ended (after emitting whatever its end implies).
    /// </summary>
    protected abstract ValueTask<bool> PumpAsync(CancellationToken cancellationToken);

    /// <summary>Emits one chunk written by <paramref name="write"/> as a JSON object.</summary>
    protected void Emit(Action<Utf8JsonWriter> write)
    {
        _pending.Write("data: "u8);
        using (var json = new Utf8JsonWriter(_pending, OpenAiShapes.WriterOptions))
        {
            write(json);
        }

        _pending.Write("\n\n"u8);
    }

    protected void EmitDone() => _pending.Write("data: [DONE]\n\n"u8);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_pending.WrittenCount - _pendingOffset == 0)
        {
            _pending.Clear();
            _pendingOffset = 0;
            if (_finished)
            {
                return 0;
            }

            _finished = !await PumpAsync(cancellationToken).ConfigureAwait(false);
        }

        var available = _pending.WrittenSpan[_pendingOffset..];
        var count = Math.Min(available.Length, buffer.Length);
        available[..count].CopyTo(buffer.Span);
        _pendingOffset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Native.Dispose();
        }

        base.Dispose(disposing);
    }
}
