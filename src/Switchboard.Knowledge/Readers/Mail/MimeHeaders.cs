using System.Text;
using System.Text.Unicode;

namespace Switchboard.Knowledge.Readers.Mail;

/// <summary>
/// A header block: folded lines unfolded, names case-insensitive, the first occurrence of a name wins. Raw 8-bit
/// headers (not allowed, but common) are read as UTF-8 when valid, else as Latin-1.
/// </summary>
internal sealed class MimeHeaders
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    private MimeHeaders()
    {
    }

    public static MimeHeaders Parse(ReadOnlySpan<byte> block)
    {
        var text = Utf8.IsValid(block) ? Encoding.UTF8.GetString(block) : Encoding.Latin1.GetString(block);
        var headers = new MimeHeaders();
        string? name = null;
        var value = new StringBuilder();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && name is not null)
            {
                value.Append(' ').Append(line.Trim());
                continue;
            }

            headers.Add(name, value);
            var colon = line.IndexOf(':');
            name = colon > 0 ? line[..colon].Trim().ToString() : null;
            value.Clear();
            if (name is not null)
            {
                value.Append(line[(colon + 1)..].Trim());
            }
        }

        headers.Add(name, value);
        return headers;
    }

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The value with RFC 2047 encoded words decoded, for display.</summary>
    public string? Decoded(string name) => this[name] is { } value ? EncodedWords.Decode(value) : null;

    private void Add(string? name, StringBuilder value)
    {
        if (name is not null)
        {
            _values.TryAdd(name, value.ToString());
        }
    }
}
