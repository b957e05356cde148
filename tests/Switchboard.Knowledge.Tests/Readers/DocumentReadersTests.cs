using System.Text;
using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class DocumentReadersTests
{
    [Fact]
    public void SupportedExtensions_ListsEveryFormat()
    {
        TestReading.Readers.SupportedExtensions.Should().Contain([".pdf", ".docx", ".xlsx", ".pptx", ".html", ".md", ".txt", ".csv", ".json", ".eml"]);
    }

    [Fact]
    public void Read_UnsupportedExtension_NamesItAndTheSupportedOnes()
    {
        var message = TestReading.Failure("hello"u8.ToArray(), "data.xyz");

        message.Should().StartWith("Unsupported file type '.xyz'; supported: ").And.Contain(".docx").And.Contain(".pdf");
    }

    [Theory]
    [InlineData("empty.txt")]
    [InlineData("empty.pdf")]
    public void Read_EmptyFile_SaysItIsEmpty(string name)
    {
        TestReading.Failure([], name).Should().Be($"The file '{name}' is empty.");
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("report.docx")]
    [InlineData("report.xlsx")]
    [InlineData("report.pptx")]
    public void Read_RandomBytes_IsACorruptFileWithoutAStackTrace(string name)
    {
        var noise = new byte[4096];
        new Random(5).NextBytes(noise);

        var message = TestReading.Failure(noise, name);

        message.Should().MatchRegex("(looks corrupt|not a valid)").And.NotContain("   at ");
    }

    [Fact]
    public void Read_TruncatedPdf_IsACorruptFile()
    {
        var pdf = File.ReadAllBytes(Path.Combine(SharedModels.PdfSamples, "minimal-document.pdf"));

        TestReading.Failure(pdf[..(pdf.Length / 3)], "cut.pdf").Should().Contain("corrupt");
    }

    [Fact]
    public void Read_UnknownExtension_SniffsPdfAndOfficeFiles()
    {
        var pdf = File.ReadAllBytes(Path.Combine(SharedModels.PdfSamples, "minimal-document.pdf"));
        var docx = WordFiles.Docx([WordFiles.Paragraph("Привет из Word")]);

        TestReading.Read(pdf, "download.bin").FullText.Should().StartWith("Lorem ipsum");
        TestReading.Read(docx, "attachment").FullText.Should().Be("Привет из Word");
    }

    [Fact]
    public void Read_TextOverTheCharacterLimit_IsCutAndFlagged()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 100).Select(i => $"Абзац номер {i} с текстом."));

        var document = TestReading.Read(Encoding.UTF8.GetBytes(text), "long.txt", new ReaderLimits { MaxTextCharacters = 500 });

        document.FullText.Length.Should().BeLessThanOrEqualTo(500);
        document.Metadata[DocumentBuilder.TruncatedKey].Should().Be("text cut at 500 characters");
        document.FullText.Should().StartWith("Абзац номер 1 с текстом.");
    }

    [Fact]
    public void Read_FileOverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var message = TestReading.Failure(new byte[2048], "big.txt", new ReaderLimits { MaxDecompressedBytes = 1024 });

        message.Should().Be("The file is larger than the 1 KB limit for documents.");
    }

    [Fact]
    public void Read_NonSeekableStream_IsRead()
    {
        using var stream = new OneWayStream("Текст"u8.ToArray());

        var document = TestReading.Readers.Read(stream, "note.txt", new ReaderLimits(), CancellationToken.None);

        document.FullText.Should().Be("Текст");
    }

    [Fact]
    public void Read_CancelledToken_Throws()
    {
        using var stream = new MemoryStream("text"u8.ToArray());

        var act = () => TestReading.Readers.Read(stream, "note.txt", new ReaderLimits(), new CancellationToken(canceled: true));

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Read_EveryBlockOfEveryFormat_HasNoEmptyText()
    {
        var documents = new[]
        {
            TestReading.Read("# T\n\ntext", "a.md"),
            TestReading.Read("<p> </p><p>x</p>", "a.html"),
            TestReading.Read("a,b\n1,2", "a.csv"),
        };

        documents.SelectMany(d => d.Blocks).Should().OnlyContain(b => b.Text.Trim().Length > 0 && b.Text == b.Text.Trim());
        documents.SelectMany(d => d.Blocks).Where(b => b.Kind == BlockKind.Heading).Should().OnlyContain(b => b.HeadingLevel >= 1 && b.HeadingLevel <= 6);
    }

    /// <summary>A stream that can only be read forward, like a request body.</summary>
    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
