namespace Switchboard.Gateway.Protocol;

/// <summary>Framing helpers for Server-Sent Events as OpenAI-compatible servers send them.</summary>
internal static class SseEvents
{
    /// <summary>
    /// Finds the end of the first complete event in <paramref name="buffer"/> (just past its blank line,
    /// <c>\n\n</c> or <c>\r\n\r\n</c>), or -1 if the event is not complete yet.
    /// </summary>
    public static int FindEventEnd(ReadOnlySpan<byte> buffer)
    {
        var offset = 0;
        while (true)
        {
            var newline = buffer[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return -1;
            }

            var i = offset + newline;
            if (i + 1 < buffer.Length && buffer[i + 1] == '\n')
            {
                return i + 2;
            }

            if (i + 2 < buffer.Length && buffer[i + 1] == '\r' && buffer[i + 2] == '\n')
            {
                return i + 3;
            }

            if (i + 2 >= buffer.Length)
            {
                return -1;
            }

            offset = i + 1;
        }
    }

    /// <summary>The payload of the event's <c>data:</c> line, or empty when it has none (comments, keep-alives).</summary>
    public static ReadOnlySpan<byte> Data(ReadOnlySpan<byte> sseEvent)
    {
        var start = sseEvent.IndexOf("data:"u8);
        if (start < 0 || (start > 0 && sseEvent[start - 1] != '\n'))
        {
            return default;
        }

        var data = sseEvent[(start + 5)..];
        if (!data.IsEmpty && data[0] == ' ')
        {
            data = data[1..];
        }

        var end = data.IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? data : data[..end];
    }

    public static bool IsDone(ReadOnlySpan<byte> data) => data.SequenceEqual("[DONE]"u8);

    /// <summary>
    /// Whether a chunk may carry usage or a finish reason. Most chunks carry neither
    /// (<c>"finish_reason":null</c>), and skipping their parse keeps the stream relay cheap.
    /// </summary>
    public static bool MayCarryUsageOrFinish(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"usage\""u8) >= 0
        || (data.IndexOf("\"finish_reason\""u8) >= 0 && data.IndexOf("\"finish_reason\":null"u8) < 0);
}
