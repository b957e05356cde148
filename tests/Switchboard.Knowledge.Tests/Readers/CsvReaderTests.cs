using System.Text;
using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers.PlainText;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class CsvReaderTests
{
    static CsvReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData(",", "comma")]
    [InlineData(";", "semicolon")]
    [InlineData("\t", "tab")]
    public void Read_Delimiter_IsSniffed(string delimiter, string label)
    {
        var csv = string.Join("\n", new[] { "Город|Население|Комментарий", "Москва|13010112|\"столица, крупнейший\"", "Тверь|416219|" }
            .Select(l => l.Replace("|", delimiter, StringComparison.Ordinal)));

        var document = TestReading.Read(csv, "cities.csv");

        document.Metadata["delimiter"].Should().Be(delimiter == "\t" ? "tab" : delimiter, label);
        document.OfKind(BlockKind.Table).Single().Text.Should().Be(
            "| Город | Население | Комментарий |\n| --- | --- | --- |\n| Москва | 13010112 | столица, крупнейший |\n| Тверь | 416219 | |");
    }

    [Fact]
    public void Read_QuotedFieldsWithLineBreaksAndQuotes_AreOneField()
    {
        var document = TestReading.Read("name,note\r\nAnna,\"line one\r\nline \"\"two\"\"\"\r\n", "q.csv");

        document.FullText.Should().Be("| name | note |\n| --- | --- |\n| Anna | line one line \"two\" |");
    }

    [Fact]
    public void Read_LargeWindows1251File_SplitsIntoRowGroupsRepeatingTheHeader()
    {
        var csv = "Артикул;Название\r\n" + string.Concat(Enumerable.Range(1, 120).Select(i => $"{i};Товар {i}\r\n"));

        var document = TestReading.Read(csv, "goods.csv", Encoding.GetEncoding(1251));

        var tables = document.OfKind(BlockKind.Table).ToList();
        tables.Should().HaveCount(3);
        tables.Should().OnlyContain(t => t.Text.StartsWith("| Артикул | Название |\n| --- | --- |\n"));
        tables.Select(t => t.Text.Split('\n').Length - 2).Should().Equal(CsvReader.RowsPerBlock, CsvReader.RowsPerBlock, 20);
        document.Metadata["rows"].Should().Be("120");
        ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 100, OverlapTokens = 20 });
    }
}
