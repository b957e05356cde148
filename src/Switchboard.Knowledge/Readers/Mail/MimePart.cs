namespace Switchboard.Knowledge.Readers.Mail;

/// <summary>
/// One node of a parsed MIME message: its headers, content type, and either its children (multipart, or the one
/// message inside a message/rfc822 part) or its body with the transfer encoding already undone.
/// </summary>
internal sealed record MimePart(MimeHeaders Headers, HeaderValue ContentType, byte[] Body, IReadOnlyList<MimePart> Children)
{
    public string MediaType => ContentType.Value.Length == 0 ? "text/plain" : ContentType.Value;

    public bool IsMultipart => MediaType.StartsWith("multipart/", StringComparison.Ordinal);

    public HeaderValue Disposition { get; } = HeaderValue.Parse(Headers["Content-Disposition"]);

    /// <summary>The file name from Content-Disposition, else from the Content-Type's <c>name</c>; path parts removed.</summary>
    public string? FileName
    {
        get
        {
            var name = Disposition["filename"] ?? ContentType["name"];
            return string.IsNullOrWhiteSpace(name) ? null : Path.GetFileName(name.Replace('\\', '/').Trim());
        }
    }

    /// <summary>Marked as an attachment, or named without being marked inline.</summary>
    public bool IsAttachment =>
        Disposition.Value == "attachment" || (FileName is not null && (Disposition.Value != "inline" || !MediaType.StartsWith("text/", StringComparison.Ordinal)));
}
