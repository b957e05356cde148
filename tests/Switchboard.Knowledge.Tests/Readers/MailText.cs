using System.Text;

namespace Switchboard.Knowledge.Tests.Readers;

/// <summary>Pieces of MIME messages for the e-mail tests.</summary>
internal static class MailText
{
    public static string EncodedWord(string text, string charset = "UTF-8") =>
        $"=?{charset}?B?{Convert.ToBase64String(Encoding.GetEncoding(charset).GetBytes(text))}?=";

    /// <summary>Base64 in 76-character lines, as mail clients write attachments.</summary>
    public static string Base64Lines(byte[] bytes) =>
        string.Join("\r\n", Convert.ToBase64String(bytes).Chunk(76).Select(c => new string(c)));

    public static byte[] Message(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));
}
