using System.Buffers;

namespace Switchboard.Gateway.Protocol;

/// <summary>
/// A growable byte buffer rented from the shared pool, so request and response bodies cost no
/// garbage on the hot path. Owned by one request; not thread-safe; return it with <see cref="Dispose"/>.
/// </summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[]? _array;

    public PooledBuffer(int initialCapacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => Array.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => Array.AsMemory(0, Length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    /// <summary>Free space of at least <paramref name="sizeHint"/> bytes after the written part.</summary>
    public Memory<byte> GetMemory(int sizeHint = 4096)
    {
        EnsureFree(sizeHint);
        return Array.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint)
    {
        EnsureFree(sizeHint);
        return Array.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes, moving the rest to the front.</summary>
    public void Consume(int count)
    {
        var array = Array;
        System.Array.Copy(array, count, array, 0, Length - count);
        Length -= count;
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void EnsureFree(int sizeHint)
    {
        var array = Array;
        if (array.Length - Length >= Math.Max(sizeHint, 1))
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(array.Length * 2, Length + sizeHint));
        array.AsSpan(0, Length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(array);
        _array = grown;
    }
}
