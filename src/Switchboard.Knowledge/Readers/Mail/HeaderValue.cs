using System.Text;
using Switchboard.Knowledge.Readers.PlainText;

namespace Switchboard.Knowledge.Readers.Mail;

/// <summary>
/// A structured header value such as <c>text/plain; charset="koi8-r"</c> or <c>attachment; filename*=UTF-8''%D0%B0.pdf</c>:
/// the value before the first ';' (lower-cased) and its parameters, with quoted strings, RFC 2231 extended values
/// (charset'language'percent-encoding) and continuations (<c>name*0*=…; name*1*=…</c>) decoded.
/// </summary>
internal sealed record HeaderValue(string Value, IReadOnlyDictionary<string, string> Parameters)
{
    public static HeaderValue Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new("", new Dictionary<string, string>());
        }

        var pieces = SplitOutsideQuotes(header);
        var raw = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                raw[piece[..equals].Trim()] = Unquote(piece[(equals + 1)..].Trim());
            }
        }

        return new(pieces[0].Trim().ToLowerInvariant(), Combine(raw));
    }

    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Joins RFC 2231 sections and decodes extended values; plain parameters pass through (encoded words decoded).</summary>
    private static Dictionary<string, string> Combine(SortedDictionary<string, string> raw)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var extended = new Dictionary<string, List<(int Section, bool Encoded, string Text)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in raw)
        {
            var star = key.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                parameters[key] = EncodedWords.Decode(value);
                continue;
            }

            var name = key[..star];
            var rest = key[(star + 1)..];
            var encoded = rest.EndsWith('*') || rest.Length == 0;
            var sectionText = rest.TrimEnd('*');
            var section = int.TryParse(sectionText, out var n) ? n : 0;
            if (!extended.TryGetValue(name, out var sections))
            {
                extended[name] = sections = [];
            }

            sections.Add((section, encoded, value));
        }

        foreach (var (name, sections) in extended)
        {
            sections.Sort((a, b) => a.Section.CompareTo(b.Section));
            parameters[name] = DecodeExtended(sections);
        }

        return parameters;
    }

    private static string DecodeExtended(List<(int Section, bool Encoded, string Text)> sections)
    {
        var charset = Encoding.UTF8;
        var bytes = new List<byte>();
        for (var i = 0; i < sections.Count; i++)
        {
            var text = sections[i].Text;
            if (i == 0 && sections[i].Encoded)
            {
                var parts = text.Split('\'', 3);
                if (parts.Length == 3)
                {
                    charset = TextDecoder.ForName(parts[0]) ?? Encoding.UTF8;
                    text = parts[2];
                }
            }

            if (!sections[i].Encoded)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text));
                continue;
            }

            for (var c = 0; c < text.Length; c++)
            {
                if (text[c] == '%' && c + 2 < text.Length && byte.TryParse(text.AsSpan(c + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                {
                    bytes.Add(b);
                    c += 2;
                }
                else
                {
                    bytes.Add((byte)text[c]);
                }
            }
        }

        return charset.GetString(bytes.ToArray());
    }

    private static List<string> SplitOutsideQuotes(string header)
    {
        var pieces = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] == '"' && (i == 0 || header[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (header[i] == ';' && !quoted)
            {
                pieces.Add(header[start..i]);
                start = i + 1;
            }
        }

        pieces.Add(header[start..]);
        return pieces;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : value;
}
