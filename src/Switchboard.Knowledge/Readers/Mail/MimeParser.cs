using System.Text;

namespace Switchboard.Knowledge.Readers.Mail;

/// <summary>
/// Parses an RFC 5322 message with MIME (RFC 2045–2047) into a tree of <see cref="MimePart"/>: headers, multipart
/// bodies split at their boundary lines (preamble and epilogue dropped), message/rfc822 parts parsed as nested
/// messages, leaf bodies decoded from base64 or quoted-printable. Works on bytes; accepts CRLF and bare LF. Nesting
/// beyond <see cref="MaxDepth"/> and parts beyond <see cref="MaxParts"/> are not read. Stateless and thread-safe.
/// </summary>
internal static class MimeParser
{
    public const int MaxDepth = 16;

    public const int MaxParts = 1000;

    public static MimePart Parse(ReadOnlySpan<byte> message)
    {
        var parts = 0;
        return Parse(message, 0, ref parts);
    }

    private static MimePart Parse(ReadOnlySpan<byte> message, int depth, ref int parts)
    {
        parts++;
        var (headerEnd, bodyStart) = HeaderEnd(message);
        var headers = MimeHeaders.Parse(message[..headerEnd]);
        var contentType = HeaderValue.Parse(headers["Content-Type"]);
        var body = message[bodyStart..];
        var part = new MimePart(headers, contentType, [], []);
        if (depth >= MaxDepth || parts >= MaxParts)
        {
            return part;
        }

        if (part.IsMultipart && contentType["boundary"] is { Length: > 0 } boundary)
        {
            var children = new List<MimePart>();
            foreach (var range in SplitMultipart(body, boundary))
            {
                if (parts >= MaxParts)
                {
                    break;
                }

                children.Add(Parse(body[range], depth + 1, ref parts));
            }

            return part with { Children = children };
        }

        var decoded = TransferEncoding.Decode(body, headers["Content-Transfer-Encoding"]);
        if (part.MediaType == "message/rfc822")
        {
            return part with { Body = decoded, Children = [Parse(decoded, depth + 1, ref parts)] };
        }

        return part with { Body = decoded };
    }

    /// <summary>Where the header block ends and the body starts: after the first empty line (CRLF or LF).</summary>
    private static (int HeaderEnd, int BodyStart) HeaderEnd(ReadOnlySpan<byte> message)
    {
        var lineStart = 0;
        while (lineStart < message.Length)
        {
            var newline = message[lineStart..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return (message.Length, message.Length);
            }

            var line = message.Slice(lineStart, newline);
            if (line.Length == 0 || (line.Length == 1 && line[0] == '\r'))
            {
                return (lineStart, lineStart + newline + 1);
            }

            lineStart += newline + 1;
        }

        return (message.Length, message.Length);
    }

    /// <summary>The byte ranges of the body parts between <c>--boundary</c> lines, up to <c>--boundary--</c>.</summary>
    private static List<Range> SplitMultipart(ReadOnlySpan<byte> body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var ranges = new List<Range>();
        var partStart = -1;
        var lineStart = 0;
        while (lineStart <= body.Length)
        {
            var newline = body[lineStart..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? body.Length : lineStart + newline;
            var line = body[lineStart..lineEnd];
            if (line.StartsWith(delimiter))
            {
                if (partStart >= 0)
                {
                    // The line break before a delimiter belongs to the delimiter.
                    var end = lineStart;
                    end -= end > partStart && body[end - 1] == '\n' ? 1 : 0;
                    end -= end > partStart && body[end - 1] == '\r' ? 1 : 0;
                    ranges.Add(partStart..end);
                }

                var rest = line[delimiter.Length..];
                if (rest.StartsWith("--"u8))
                {
                    return ranges;
                }

                partStart = Math.Min(lineEnd + 1, body.Length);
            }

            if (newline < 0)
            {
                break;
            }

            lineStart = lineEnd + 1;
        }

        // No closing delimiter: the last part runs to the end.
        if (partStart >= 0 && partStart < body.Length)
        {
            ranges.Add(partStart..body.Length);
        }

        return ranges;
    }
}
