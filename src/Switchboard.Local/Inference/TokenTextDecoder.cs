using System.Text;

namespace Switchboard.Local.Inference;

/// <summary>
/// Turns generated tokens into text as they come: a character split across tokens (UTF-8 bytes in
/// separate byte tokens) is held back until complete, so streamed text never contains broken characters.
/// One per sequence; not thread-safe.
/// </summary>
internal sealed class TokenTextDecoder(LlamaModel model)
{
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly char[] _chars = new char[256];

    /// <summary>The text completed by this token ("" when it only started a character).</summary>
    public string Append(int token)
    {
        var bytes = model.TokenBytes(token);
        var count = _utf8.GetChars(bytes, 0, bytes.Length, _chars, 0, flush: false);
        return new string(_chars, 0, count);
    }

    /// <summary>Whatever bytes are left at the end (an incomplete character becomes U+FFFD).</summary>
    public string Flush()
    {
        var count = _utf8.GetChars([], 0, 0, _chars, 0, flush: true);
        return new string(_chars, 0, count);
    }
}
