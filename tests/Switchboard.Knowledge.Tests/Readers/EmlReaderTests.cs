using System.Text;
using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class EmlReaderTests
{
    static EmlReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] MessageWithAttachments()
    {
        var docx = WordFiles.Docx([WordFiles.Paragraph("Итоги", "Heading1"), WordFiles.Paragraph("Выручка выросла.")]);
        var pdf = File.ReadAllBytes(Path.Combine(SharedModels.PdfSamples, "minimal-document.pdf"));
        var body = Encoding.GetEncoding("koi8-r").GetBytes("Коллеги, отчёт во вложении.");
        var quotedPrintable = string.Concat(body.Select(b => b < 128 ? ((char)b).ToString() : $"={b:X2}"));
        var split = quotedPrintable.IndexOf(' ', 10);
        quotedPrintable = quotedPrintable[..split] + "=\r\n" + quotedPrintable[split..];
        return MailText.Message($"""
            From: {MailText.EncodedWord("Иван Петров")} <ivan@example.ru>
            To: team@example.ru
            Date: Tue, 24 Nov 2026 10:00:00 +0300
            Subject: {MailText.EncodedWord("Отчёт")}
             =?UTF-8?Q?_=D0=B7=D0=B0_?= {MailText.EncodedWord("ноябрь", "koi8-r")}
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            This is a multi-part message in MIME format.
            --outer
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: text/plain; charset=koi8-r
            Content-Transfer-Encoding: quoted-printable

            {quotedPrintable}
            --alt
            Content-Type: text/html; charset=utf-8

            <p>HTML-версия письма</p>
            --alt--
            --outer
            Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document
            Content-Disposition: attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.docx
            Content-Transfer-Encoding: base64

            {MailText.Base64Lines(docx)}
            --outer
            Content-Type: application/pdf; name="minimal.pdf"
            Content-Transfer-Encoding: base64

            {MailText.Base64Lines(pdf)}
            --outer
            Content-Type: image/png; name="logo.png"
            Content-Disposition: attachment; filename="logo.png"
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --outer
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="broken.pdf"
            Content-Transfer-Encoding: base64

            {MailText.Base64Lines(Encoding.ASCII.GetBytes("%PDF-1.7 not really"))}
            --outer--
            """);
    }

    [Fact]
    public void Read_MessageWithAttachments_ReadsHeadersBodyAndSupportedAttachments()
    {
        var document = TestReading.Read(MessageWithAttachments(), "mail.eml");

        document.Title.Should().Be("Отчёт за ноябрь");
        document.Metadata["from"].Should().Be("Иван Петров <ivan@example.ru>");
        document.Metadata["to"].Should().Be("team@example.ru");
        document.Metadata["date"].Should().Be("Tue, 24 Nov 2026 10:00:00 +0300");
        document.Metadata["attachments"].Should().Be("отчёт.docx, minimal.pdf, logo.png, broken.pdf");
        document.Metadata["skippedAttachments"].Should().StartWith("broken.pdf (");
        document.Blocks[0].Text.Should().StartWith("From: Иван Петров <ivan@example.ru>\nTo: team@example.ru\nDate:");
        document.Blocks[1].Text.Should().Be("Коллеги, отчёт во вложении.");
        document.FullText.Should().NotContain("HTML-версия");
        document.OfKind(BlockKind.Heading).Select(h => (h.Text, h.HeadingLevel)).Should().Equal(
            ("отчёт.docx", 1), ("Итоги", 2), ("minimal.pdf", 1));
        document.Blocks.Should().Contain(b => b.Text.StartsWith("Lorem ipsum dolor sit amet") && b.Page == 1);
        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 60, OverlapTokens = 10 });
        // The attachment's heading opens a section; its first subsection fits into the same chunk.
        chunks.Should().Contain(c => c.Text == "отчёт.docx\n\nИтоги\n\nВыручка выросла." && c.SectionPath.SequenceEqual(new[] { "отчёт.docx" }));
    }

    [Fact]
    public void Read_HtmlOnlyMessage_ReadsTheHtmlPart()
    {
        var message = MailText.Message("""
            Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=
            Content-Type: text/html; charset="windows-1251"
            Content-Transfer-Encoding: base64
            """ + "\n\n" + Convert.ToBase64String(Encoding.GetEncoding(1251).GetBytes("<html><body><script>x()</script><h1>Привет</h1><p>Текст письма</p></body></html>")));

        var document = TestReading.Read(message, "html.eml");

        document.Title.Should().Be("Grüße");
        document.Blocks.Skip(1).Select(b => (b.Kind, b.Text)).Should().Equal((BlockKind.Heading, "Привет"), (BlockKind.Paragraph, "Текст письма"));
    }

    [Fact]
    public void Read_ForwardedMessage_IsAppendedAsAnAttachment()
    {
        var message = MailText.Message("""
            Subject: Fwd: plan
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            See below.
            --b
            Content-Type: message/rfc822

            Subject: Plan
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Встреча в пятницу.
            --b--
            """);

        var document = TestReading.Read(message, "fwd.eml");

        document.OfKind(BlockKind.Heading).Select(h => h.Text).Should().Equal("Plan.eml");
        document.FullText.Should().Contain("Встреча в пятницу.");
    }
}
