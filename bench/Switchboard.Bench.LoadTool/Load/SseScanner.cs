namespace Switchboard.Bench.LoadTool.Load;

/// <summary>
/// Counts <c>data:</c> events in a server-sent event stream fed in arbitrary pieces, and tells whether
/// the stream ended with <c>data: [DONE]</c>. One per worker; <see cref="Reset"/> before each stream.
/// </summary>
internal sealed class SseScanner
{
    private static ReadOnlySpan<byte> EventStart => "\ndata:"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]"u8;

    private readonly byte[] _tail = new byte[32];
    private int _tailLength;
    private int _matched;

    public int Events { get; private set; }

    public bool EndsWithDone => _tail.AsSpan(0, _tailLength).TrimEnd(" \t\r\n"u8).EndsWith(Done);

    public void Reset()
    {
        // The start of the stream counts as the start of a line.
        _matched = 1;
        _tailLength = 0;
        Events = 0;
    }

    public void Feed(ReadOnlySpan<byte> data)
    {
        var pattern = EventStart;
        foreach (var b in data)
        {
            if (b == pattern[_matched])
            {
                if (++_matched == pattern.Length)
                {
                    Events++;
                    _matched = 0;
                }
            }
            else
            {
                _matched = b == (byte)'\n' ? 1 : 0;
            }
        }

        KeepTail(data);
    }

    private void KeepTail(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _tail.Length)
        {
            data[^_tail.Length..].CopyTo(_tail);
            _tailLength = _tail.Length;
            return;
        }

        var keep = Math.Min(_tailLength, _tail.Length - data.Length);
        _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
        data.CopyTo(_tail.AsSpan(keep));
        _tailLength = keep + data.Length;
    }
}
