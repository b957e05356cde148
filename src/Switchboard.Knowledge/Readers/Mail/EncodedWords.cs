using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Knowledge.Readers.PlainText;

namespace Switchboard.Knowledge.Readers.Mail;

/// <summary>
/// Decodes RFC 2047 encoded words in header values (<c>=?UTF-8?B?0J/RgNC40LLQtdGC?=</c>, <c>=?koi8-r?Q?=F0=D2?=</c>);
/// whitespace between two adjacent encoded words is dropped, as the RFC says. Unknown charsets fall back to UTF-8.
/// </summary>
internal static partial class EncodedWords
{
    public static string Decode(string value)
    {
        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var last = 0;
        var previousWasEncoded = false;
        foreach (Match match in EncodedWord().Matches(value))
        {
            var between = value.AsSpan(last, match.Index - last);
            if (!(previousWasEncoded && between.IsWhiteSpace()))
            {
                result.Append(between);
            }

            result.Append(DecodeWord(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value));
            last = match.Index + match.Length;
            previousWasEncoded = true;
        }

        result.Append(value.AsSpan(last));
        return result.ToString();
    }

    private static string DecodeWord(string charset, string encoding, string text)
    {
        // RFC 2231 lets the charset carry a language: "UTF-8*ru".
        var star = charset.IndexOf('*', StringComparison.Ordinal);
        var target = TextDecoder.ForName(star < 0 ? charset : charset[..star]) ?? Encoding.UTF8;
        var bytes = encoding is "B" or "b"
            ? TransferEncoding.DecodeBase64(Encoding.ASCII.GetBytes(text))
            : TransferEncoding.DecodeQuotedPrintable(Encoding.ASCII.GetBytes(text.Replace('_', ' ')));
        return target.GetString(bytes);
    }

    [GeneratedRegex(@"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedWord();
}
