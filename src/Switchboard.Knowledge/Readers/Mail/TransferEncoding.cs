namespace Switchboard.Knowledge.Readers.Mail;

/// <summary>
/// Content-Transfer-Encoding decoders that forgive what real mail contains: base64 with line breaks, stray
/// characters or missing padding; quoted-printable with soft line breaks and lone '=' signs.
/// </summary>
internal static class TransferEncoding
{
    public static byte[] Decode(ReadOnlySpan<byte> body, string? encoding) => encoding?.Trim().ToLowerInvariant() switch
    {
        "base64" => DecodeBase64(body),
        "quoted-printable" => DecodeQuotedPrintable(body),
        _ => body.ToArray(),
    };

    public static byte[] DecodeBase64(ReadOnlySpan<byte> body)
    {
        var chars = new char[body.Length + 3];
        var count = 0;
        foreach (var b in body)
        {
            if (b == '=')
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'/')
            {
                chars[count++] = (char)b;
            }
        }

        // A single leftover character carries no whole byte.
        count -= count % 4 == 1 ? 1 : 0;
        while (count % 4 != 0)
        {
            chars[count++] = '=';
        }

        return Convert.FromBase64CharArray(chars, 0, count);
    }

    public static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> body)
    {
        var output = new byte[body.Length];
        var count = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var b = body[i];
            if (b != '=')
            {
                output[count++] = b;
                continue;
            }

            if (i + 1 < body.Length && body[i + 1] == '\n')
            {
                i++;
            }
            else if (i + 2 < body.Length && body[i + 1] == '\r' && body[i + 2] == '\n')
            {
                i += 2;
            }
            else if (i + 2 < body.Length && Hex(body[i + 1]) is >= 0 and var high && Hex(body[i + 2]) is >= 0 and var low)
            {
                output[count++] = (byte)(high << 4 | low);
                i += 2;
            }
            else
            {
                output[count++] = b;
            }
        }

        return output[..count];
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
