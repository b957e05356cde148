using System.Text;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers.PlainText;
using Switchboard.Knowledge.Readers.Web;

namespace Switchboard.Knowledge.Readers.Mail;

/// <summary>
/// E-mail messages (.eml, RFC 5322 with MIME) through our own <see cref="MimeParser"/>. The subject is the title;
/// From, To, Cc, Date and Subject are metadata and also the first paragraph, so they are searchable. The body is the
/// text/plain alternative when there is one, else the HTML one read like an HTML page. Attachments whose type the
/// registry supports (forwarded messages included) are read by it and appended, each under a heading with the file
/// name and its own headings one level deeper; an attachment that cannot be read is named in the
/// <c>skippedAttachments</c> metadata instead of failing the message. Stateless and thread-safe.
/// </summary>
internal sealed class EmlReader(DocumentReaders attachmentReaders) : IDocumentReader
{
    private static readonly string[] ShownHeaders = ["From", "To", "Cc", "Date", "Subject"];

    public IReadOnlyCollection<string> Extensions { get; } = [".eml"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var message = MimeParser.Parse(StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken));
        var builder = new DocumentBuilder(limits) { Title = message.Headers.Decoded("Subject") };
        var summary = new StringBuilder();
        foreach (var name in ShownHeaders)
        {
            if (message.Headers.Decoded(name) is { Length: > 0 } value)
            {
                builder.SetMetadata(name.ToLowerInvariant(), value);
                summary.Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        builder.Add(BlockKind.Paragraph, summary.ToString());
        var attachments = new List<MimePart>();
        AddBody(builder, message, attachments, fileName, limits, cancellationToken);
        AddAttachments(builder, attachments, limits, cancellationToken);
        return builder.Build(fileName);
    }

    private static void AddBody(DocumentBuilder builder, MimePart part, List<MimePart> attachments, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        if (part.MediaType == "message/rfc822" || (part.IsAttachment && !part.IsMultipart))
        {
            attachments.Add(part);
            return;
        }

        if (part.MediaType == "multipart/alternative")
        {
            var chosen = part.Children.FirstOrDefault(c => c.MediaType == "text/plain" && !c.IsAttachment && BodyText(c).Trim().Length > 0)
                ?? part.Children.FirstOrDefault(c => c.MediaType == "text/html" && !c.IsAttachment)
                ?? part.Children.FirstOrDefault(c => c.IsMultipart);
            if (chosen is not null)
            {
                AddBody(builder, chosen, attachments, fileName, limits, cancellationToken);
            }

            return;
        }

        if (part.IsMultipart)
        {
            foreach (var child in part.Children)
            {
                AddBody(builder, child, attachments, fileName, limits, cancellationToken);
            }

            return;
        }

        if (part.MediaType == "text/plain")
        {
            PlainTextBlocks.Add(builder, BodyText(part), cancellationToken);
        }
        else if (part.MediaType == "text/html")
        {
            foreach (var block in HtmlReader.ReadMarkup(BodyText(part), fileName, limits, cancellationToken).Blocks)
            {
                builder.Add(block.Kind, block.Text, block.HeadingLevel, block.Page);
            }
        }
    }

    private void AddAttachments(DocumentBuilder builder, List<MimePart> attachments, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var skipped = new List<string>();
        var names = new List<string>();
        foreach (var attachment in attachments)
        {
            var forwarded = attachment.MediaType == "message/rfc822";
            var name = attachment.FileName ?? (forwarded ? ForwardedName(attachment) : null);
            if (name is null || builder.IsFull)
            {
                continue;
            }

            names.Add(name);
            if (!attachmentReaders.SupportedExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            {
                continue;
            }

            ParsedDocument document;
            try
            {
                using var stream = new MemoryStream(attachment.Body, writable: false);
                document = attachmentReaders.Read(stream, name, limits, cancellationToken);
            }
            catch (DocumentReadException ex)
            {
                skipped.Add($"{name} ({ex.Message})");
                continue;
            }

            builder.Add(BlockKind.Heading, name, 1);
            foreach (var block in document.Blocks)
            {
                builder.AddNested(block);
            }
        }

        builder.SetMetadata("attachments", string.Join(", ", names));
        builder.SetMetadata("skippedAttachments", string.Join("; ", skipped));
    }

    private static string ForwardedName(MimePart forwarded)
    {
        var subject = forwarded.Children.Count > 0 ? forwarded.Children[0].Headers.Decoded("Subject") : null;
        var safe = string.Concat((subject ?? "message").Where(c => !Path.GetInvalidFileNameChars().Contains(c))).Trim();
        return (safe.Length == 0 ? "message" : safe) + ".eml";
    }

    /// <summary>
    /// The part's text in its declared charset, or detected like a text file when it declares none we know, or
    /// declares ASCII for bytes that are not (mislabelled mail is common).
    /// </summary>
    private static string BodyText(MimePart part) =>
        TextDecoder.ForName(part.ContentType["charset"]) is { } encoding && (encoding.CodePage != 20127 || Ascii.IsValid(part.Body))
            ? encoding.GetString(part.Body)
            : TextDecoder.Decode(part.Body).Text;
}
