using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class DocxReaderTests
{
    private static byte[] Sample() => WordFiles.Docx(
        [
            WordFiles.Paragraph("Руководство администратора", "Title"),
            WordFiles.Paragraph("Установка", "Heading1"),
            WordFiles.Paragraph("Сервер ставится одной командой."),
            WordFiles.Paragraph("Linux", "Heading2"),
            WordFiles.NumberedItem("Скачайте архив"),
            WordFiles.Paragraph("Распакуйте его", "ListBullet"),
            WordFiles.Paragraph("Проверка", "a3"),
            WordFiles.Table(["Параметр", "Значение"], ["port", "8080"], ["host", "0.0.0.0"]),
        ],
        title: "Руководство");

    [Fact]
    public void Read_StyledDocument_KeepsHeadingsListsAndTables()
    {
        var document = TestReading.Read(Sample(), "guide.docx");

        document.Title.Should().Be("Руководство");
        document.OfKind(BlockKind.Heading).Select(h => (h.Text, h.HeadingLevel)).Should().Equal(
            ("Руководство администратора", 1), ("Установка", 1), ("Linux", 2), ("Проверка", 3));
        document.OfKind(BlockKind.ListItem).Select(b => b.Text).Should().Equal("- Скачайте архив", "- Распакуйте его");
        document.OfKind(BlockKind.Paragraph).Select(b => b.Text).Should().Equal("Сервер ставится одной командой.");
        document.OfKind(BlockKind.Table).Single().Text.Should().Be(
            "| Параметр | Значение |\n| --- | --- |\n| port | 8080 |\n| host | 0.0.0.0 |");
    }

    [Fact]
    public void Read_NoTitleProperty_TakesFirstHeading()
    {
        var document = TestReading.Read(WordFiles.Docx([WordFiles.Paragraph("Отчёт за март", "Heading1"), WordFiles.Paragraph("Текст.")]), "r.docx");

        document.Title.Should().Be("Отчёт за март");
    }

    [Fact]
    public void Chunk_StyledDocument_SectionPathsFollowHeadings()
    {
        var document = TestReading.Read(Sample(), "guide.docx");

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 20, OverlapTokens = 0 });

        chunks.Should().Contain(c => c.Text.Contains("Скачайте архив") && c.SectionPath.SequenceEqual(new[] { "Установка", "Linux" }));
        chunks.Should().Contain(c => c.Text.StartsWith("Проверка") && c.SectionPath.SequenceEqual(new[] { "Установка", "Linux", "Проверка" }));
    }

    [Fact]
    public void Read_ZipBombOverTheSizeLimit_IsRefusedNamingTheLimit()
    {
        var bomb = ZipBombs.OfSpaces(3L * 1024 * 1024);

        var message = TestReading.Failure(bomb, "bomb.docx", new ReaderLimits { MaxDecompressedBytes = 1024 * 1024 });

        message.Should().Contain("MaxDecompressedBytes").And.Contain("1 MB").And.Contain("zip bomb");
    }

    [Fact]
    public void Read_ZipBombWithAbsurdCompression_IsRefusedEvenUnderTheSizeLimit()
    {
        var bomb = ZipBombs.OfSpaces(8L * 1024 * 1024);

        var message = TestReading.Failure(bomb, "bomb.docx");

        message.Should().Contain("word/document.xml").And.Contain("200:1").And.Contain("zip bomb");
    }

    [Fact]
    public void Read_OldBinaryOrEncryptedWordFile_SaysHowToFixIt()
    {
        byte[] compoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var message = TestReading.Failure(compoundFile, "secret.docx");

        message.Should().Contain("password-protected or in the old binary Office format");
    }
}
