using System.Text;
using System.Text.Unicode;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// Decodes text files of unknown encoding: a byte-order mark wins; then BOM-less UTF-16 (many zero bytes); then valid
/// UTF-8 (ASCII included); then, for bytes that are neither, Windows-1251 or KOI8-R when the text reads as Cyrillic
/// (<see cref="CyrillicEncodingGuess"/>); otherwise Windows-1252, the superset of Latin-1 that browsers use for it.
/// Stateless and thread-safe.
/// </summary>
internal static class TextDecoder
{
    private static readonly Encoding Windows1252;
    private static readonly Encoding Windows1251;
    private static readonly Encoding Koi8R;

    static TextDecoder()
    {
        // The legacy code pages ship with .NET but stay unavailable until the provider is registered (idempotent).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
        Windows1251 = Encoding.GetEncoding(1251);
        Koi8R = Encoding.GetEncoding("koi8-r");
    }

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new(Encoding.UTF8.GetString(bytes[3..]), "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new(Encoding.UTF32.GetString(bytes[4..]), "utf-32");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new(Encoding.Unicode.GetString(bytes[2..]), "utf-16");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16BE");
        }

        if (Utf16WithoutBom(bytes) is { } utf16)
        {
            return new(utf16.GetString(bytes), utf16.WebName);
        }

        if (Utf8.IsValid(bytes))
        {
            return new(Encoding.UTF8.GetString(bytes), "utf-8");
        }

        var cyrillic = CyrillicEncodingGuess.Pick(bytes, Windows1251, Koi8R);
        var encoding = cyrillic ?? Windows1252;
        return new(encoding.GetString(bytes), encoding.WebName);
    }

    /// <summary>A named charset (from MIME or HTML), or null when .NET does not know the name.</summary>
    public static Encoding? ForName(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim().Trim('"'));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Text in UTF-16 without a BOM has a zero in every other byte for Latin text; a third of the even or odd bytes
    /// being zero (and none of the other half) is far beyond what any 8-bit text has.
    /// </summary>
    private static Encoding? Utf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 4)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        if (oddZeros * 3 > pairs && evenZeros == 0)
        {
            return Encoding.Unicode;
        }

        return evenZeros * 3 > pairs && oddZeros == 0 ? Encoding.BigEndianUnicode : null;
    }
}
