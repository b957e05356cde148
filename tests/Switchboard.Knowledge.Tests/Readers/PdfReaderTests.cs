using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Evaluation;
using Switchboard.Knowledge.Readers;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class PdfReaderTests
{
    [Fact]
    public void Read_FourPagePdf_EveryBlockKnowsItsPage()
    {
        var document = TestReading.ReadSample("pdflatex-4-pages.pdf");

        document.Metadata["pages"].Should().Be("4");
        document.Blocks.Select(b => b.Page).Distinct().Should().Equal(1, 2, 3, 4);
        document.Blocks[0].Text.Should().StartWith("Hello, here is some text without a meaning.");
        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 120, OverlapTokens = 20 });
        chunks.Select(c => c.PageStart).Should().BeInAscendingOrder().And.Contain(4);
    }

    [Fact]
    public void Read_TwoColumnPage_ReadsTheColumnsOneAfterTheOther()
    {
        var text = TestReading.ReadSample("multicolumn.pdf").FullText;

        // Left column top to bottom, then the right column: never a line of one followed by a line of the other.
        string[] order =
        [
            "Two-Column Document with Lorem Ipsum", "Abstract", "This is a sample document with two columns",
            "Lorem ipsum dolor sit amet, consectetuer adipiscing elit. Ut purus elit", "Vivamus viverra fermentum felis.",
            "pellentesque ante. Phasellus adipiscing semper elit. Proin fermentum", "Quisque ullamcorper placerat ipsum.",
        ];
        order.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Should().OnlyContain(i => i >= 0).And.BeInAscendingOrder();
    }

    [Fact]
    public void Read_TwoColumnPage_FindsHeadingsByFontSize()
    {
        var document = TestReading.ReadSample("multicolumn.pdf");

        document.Title.Should().Be("Two-Column Document with Lorem Ipsum");
        document.OfKind(BlockKind.Heading).Select(h => h.Text).Should().Contain("Abstract");
        ChunkInvariants.ChunkAndCheck(document);
    }

    [Fact]
    public void Read_GeoTopo_TextIsCloseToTheGroundTruth()
    {
        var document = TestReading.ReadSample("GeoTopo-komprimiert.pdf");
        var truth = File.ReadAllText(Path.Combine(SharedModels.PdfSamples, "GeoTopo-ground-truth.txt"));

        // Measured 2026-11-24: word F1 0.917, ordered word F1 0.885 (pdftotext: 0.838 / 0.802); 90 % of ours must hold.
        TextSimilarity.WordF1(document.FullText, truth).Should().BeGreaterThan(0.9 * 0.917);
        TextSimilarity.OrderedWordF1(document.FullText, truth).Should().BeGreaterThan(0.9 * 0.885);
        document.Title.Should().Be("Geometrie und Topologie");
        document.Metadata["author"].Should().Be("Martin Thoma");
        document.OfKind(BlockKind.Heading).Select(h => h.Text).Should().Contain(["1 Topologische Grundbegriffe", "1.1 Topologische Räume"]);
        ChunkInvariants.ChunkAndCheck(document);
    }

    [Fact]
    public void Read_TexMathFonts_AreSpelledOut()
    {
        var text = TestReading.ReadSample("GeoTopo-komprimiert.pdf").FullText;

        text.Should().Contain("d(x, y) = d(y, x) ∀x, y ∈ X").And.Contain("Übungsaufgaben");
    }

    [Fact]
    public void Read_RussianPdf_ReadsHeadingAndParagraphs()
    {
        var pdf = PdfFiles.OnePage(
            ("Отчёт о работе", 18, 72, 760),
            ("Сервер работал стабильно, ошибок нет. Обновление настрой-", 11, 72, 720),
            ("ки прошло без перезапуска.", 11, 72, 706),
            ("Следующая проверка через неделю.", 11, 90, 680));

        var document = TestReading.Read(pdf, "отчёт.pdf");

        document.Blocks.Select(b => (b.Kind, b.Text, b.Page)).Should().Equal(
            (BlockKind.Heading, "Отчёт о работе", 1),
            (BlockKind.Paragraph, "Сервер работал стабильно, ошибок нет. Обновление настройки прошло без перезапуска.", 1),
            (BlockKind.Paragraph, "Следующая проверка через неделю.", 1));
        document.Title.Should().Be("Отчёт о работе");
        ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 20, OverlapTokens = 5 });
    }

    [Fact]
    public void Read_PasswordProtectedPdf_SaysItNeedsAPassword()
    {
        var message = Assert.Throws<DocumentReadException>(() => TestReading.ReadSample("libreoffice-writer-password.pdf")).Message;

        message.Should().Be("The PDF is encrypted and needs a password; remove the password and upload it again.");
    }

    [Fact]
    public void Read_PdfOverThePageLimit_IsRefused()
    {
        var message = Assert.Throws<DocumentReadException>(() => TestReading.ReadSample("pdflatex-4-pages.pdf", new ReaderLimits { MaxPages = 3 })).Message;

        message.Should().Be("The PDF has 4 pages, more than the 3 pages a document may have.");
    }

    [Fact]
    public void Read_PdfWithoutText_SaysOcrIsNeeded()
    {
        var message = Assert.Throws<DocumentReadException>(() => TestReading.ReadSample("unreadablemetadata.pdf")).Message;

        message.Should().Contain("no text layer");
    }

    [Theory]
    [InlineData("002-trivial-libre-office-writer.pdf", "Lorem ipsum dolor sit amet")]
    [InlineData("google-doc-document.pdf", "Beautiful is better than ugly.")]
    [InlineData("habibi.pdf", "habibi")]
    [InlineData("libreoffice-form.pdf", "Example for a Form")]
    [InlineData("pdflatex-outline.pdf", "Hello, here is some text without a meaning.")]
    [InlineData("minimal-document.pdf", "Lorem ipsum dolor sit amet")]
    public void Read_SamplePdf_ReadsTextAndChunksCleanly(string sample, string expected)
    {
        var document = TestReading.ReadSample(sample);

        document.FullText.Should().Contain(expected);
        ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 64, OverlapTokens = 16 });
    }
}
