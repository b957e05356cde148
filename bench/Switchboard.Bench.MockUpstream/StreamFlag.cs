using System.Buffers;

namespace Switchboard.Bench.MockUpstream;

/// <summary>
/// Finds <c>"stream": true</c> in a JSON body with a byte search instead of a parse: the mock must cost
/// as little as possible so that the figures measure the proxy in front of it.
/// </summary>
internal static class StreamFlag
{
    private static ReadOnlySpan<byte> Key => "\"stream\""u8;
    private static ReadOnlySpan<byte> True => "true"u8;

    public static bool IsSet(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return IsSet(body.FirstSpan);
        }

        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return IsSet(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static bool IsSet(ReadOnlySpan<byte> body)
    {
        while (true)
        {
            var at = body.IndexOf(Key);
            if (at < 0)
            {
                return false;
            }

            var rest = body[(at + Key.Length)..].TrimStart(" \t\r\n"u8);
            if (rest.Length > 0 && rest[0] == (byte)':' && rest[1..].TrimStart(" \t\r\n"u8).StartsWith(True))
            {
                return true;
            }

            body = rest;
        }
    }
}
